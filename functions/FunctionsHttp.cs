using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WalletFlow.Api;

namespace WalletFlow.Functions;

/// <summary>
/// The Functions triggers' binding (host/ has minimal API binding and its boundary middleware for it):
/// the JSON body and the <c>Idempotency-Key</c> header. Everything after binding is <see cref="ApiRunner"/>'s.
/// </summary>
public static class FunctionsHttp
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The <see cref="ApiHeaders.IdempotencyKeyHeader"/> value as sent, or null.</summary>
    public static string? IdempotencyKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers[ApiHeaders.IdempotencyKeyHeader].FirstOrDefault();
    }

    /// <summary>The JSON body, or the same 400 <c>invalid_json</c> problem host/'s boundary answers.</summary>
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadBodyAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Json, ct);
            return body is null
                ? (null, ApiProblems.Boundary(request.HttpContext, ApiProblems.InvalidJson, "The request body must be a JSON object."))
                : (body, null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.Boundary(request.HttpContext, ApiProblems.InvalidJson, e.Message));
        }
    }
}
