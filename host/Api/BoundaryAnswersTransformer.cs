using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace WalletFlow.Host.Api;

/// <summary>
/// Declares on every v1 operation the answers given around its handler, so /openapi/v1.json lists
/// every status a client can get, each a problem+json: 401 and 403 where a scope is required
/// (<see cref="Identity.ProblemAuthorizationResultHandler"/>), 429 where the movements rate limit
/// applies, 413 and 415 where a body is read and 400 (<c>invalid_json</c>, <c>invalid_request</c>) where a
/// body or a parameter is (<see cref="ApiBoundaryMiddleware"/>), 404 <c>not_found</c> where the path names
/// a resource, and 500 <c>internal_error</c> everywhere.
/// </summary>
internal sealed class BoundaryAnswersTransformer : IOpenApiOperationTransformer
{
    private const string Problem = "application/problem+json";

    // A route value the handler reads from the route itself (a movement's holdId) is still a parameter of the path.
    private static void DeclarePathParameters(OpenApiOperation operation, string path)
    {
        foreach (var segment in path.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')))
        {
            var name = segment[1..^1].Split(':')[0].TrimEnd('?');
            operation.Parameters ??= [];
            if (!operation.Parameters.Any(p => p.In == ParameterLocation.Path && p.Name == name))
                operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
        }
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        DeclarePathParameters(operation, context.Description.RelativePath ?? "");
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var statuses = new List<int> { StatusCodes.Status500InternalServerError };
        if (!metadata.OfType<IAllowAnonymous>().Any() && metadata.OfType<IAuthorizeData>().Any())
            statuses.AddRange([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            statuses.Add(StatusCodes.Status429TooManyRequests);
        if (operation.RequestBody is not null)
            statuses.AddRange([StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType]);
        if (operation.RequestBody is not null || operation.Parameters is { Count: > 0 })
            statuses.Add(StatusCodes.Status400BadRequest);
        if (operation.Parameters?.Any(p => p.In == ParameterLocation.Path) == true)
            statuses.Add(StatusCodes.Status404NotFound);

        operation.Responses ??= [];
        var problem = operation.Responses.Values.Select(r => r.Content is { } c && c.TryGetValue(Problem, out var m) ? m : null).FirstOrDefault(m => m is not null)
            ?? new OpenApiMediaType { Schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken) };
        foreach (var status in statuses.Order())
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
                operation.Responses[key] = new OpenApiResponse { Description = ReasonPhrases.GetReasonPhrase(status), Content = new Dictionary<string, OpenApiMediaType> { [Problem] = problem } };
        }
    }
}
