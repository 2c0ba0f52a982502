using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WalletFlow.Api;

namespace WalletFlow.Functions;

/// <summary>The HTTP translation the Functions triggers share with host/: JSON bodies and problem+json from <see cref="ApiProblems"/>.</summary>
public static class FunctionsHttp
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The JSON body, or the same 400 <c>invalid_json</c> problem host/'s boundary answers.</summary>
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadBodyAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Json, ct);
            return body is null
                ? (null, ApiProblems.Problem(request.HttpContext, StatusCodes.Status400BadRequest, ApiProblems.InvalidJson, "The request body must be a JSON object."))
                : (body, null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.Problem(request.HttpContext, StatusCodes.Status400BadRequest, ApiProblems.InvalidJson, e.Message));
        }
    }
}
