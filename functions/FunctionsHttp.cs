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

    /// <summary>The signed-in user's name as App Service Authentication (Easy Auth) passes it on.</summary>
    public const string SignedInPrincipalHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    /// <summary>
    /// Who acts, as <c>principal:NAME</c>, or null when nobody is signed in. The actor is the signed-in
    /// principal, never a body field: App Service Authentication puts it in <see cref="SignedInPrincipalHeader"/>
    /// and strips any copy a client sends. A function key alone identifies no one.
    /// </summary>
    public static string? SignedInActor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Headers[SignedInPrincipalHeader].ToString();
        return string.IsNullOrWhiteSpace(name) ? null : "principal:" + name;
    }

    /// <summary>The 401 for <paramref name="what"/> without a signed-in principal.</summary>
    public static ProblemHttpResult NobodySignedIn(HttpRequest request, string what)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ApiProblems.For(new Core.Identity.Unauthenticated($"{what} needs a signed-in principal: turn on App Service Authentication for this app."), request.HttpContext);
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
