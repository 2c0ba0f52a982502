using Microsoft.OpenApi;
using WalletFlow.Api;

namespace WalletFlow.Host.Api;

/// <summary>
/// The public HTTP API v1 (design.md §10) under <c>/v1</c>, one <c>Map…Api</c> per resource, behind
/// <see cref="ApiBoundaryMiddleware"/>; rejections become problem+json in <see cref="ApiProblems"/>
/// only. Its OpenAPI document is served at <c>/openapi/v1.json</c>.
/// </summary>
public static class V1Api
{
    public const string Prefix = "/v1";
    public const string DocumentName = "v1";

    public static IServiceCollection AddWalletFlowApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>()
            .Bind(configuration.GetSection(ApiOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Binding failures throw instead of answering a bare 400/415, so the boundary can answer
        // problem+json; outside /v1 Kestrel still answers them with the exception's status code.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith(Prefix[1..] + "/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "walletflow v1",
                    Version = "v1",
                    Description = "Amounts are decimal strings in major units with their currency; responses add minor units as integer strings. "
                        + "Every money-moving POST requires an Idempotency-Key header: a replay answers the identical status and body, "
                        + "the same key with a different request answers 409 idempotency_conflict. Errors are RFC 9457 problem+json with a stable `code` "
                        + "and, when a field is at fault, `errors` (field → messages).",
                };
                return Task.CompletedTask;
            });
            // Every v1 problem carries walletflow's stable code and, when a field is at fault, errors (field → messages).
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))
                {
                    schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                    schema.Properties["code"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = "Stable machine-readable code: insufficient_funds, unknown_currency, invalid_amount, invalid_request, invalid_json, "
                            + "currency_mismatch, not_found, idempotency_conflict, idempotency_in_progress, state_conflict, payload_too_large, …",
                    };
                    schema.Properties["errors"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Description = "Field (JSON property, query parameter or header name) → messages.",
                        AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                    };
                    schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it when reporting a problem." };
                }
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, _, _) =>
            {
                foreach (var parameter in operation.Parameters ?? [])
                {
                    if (parameter is OpenApiParameter { Name: ApiHeaders.IdempotencyKeyHeader } header)
                    {
                        header.Required = true;
                        header.Description = "1–255 printable ASCII characters, claimed permanently: reuse it only to retry the same request.";
                    }
                }
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static WebApplication MapV1Api(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal), v1 => v1.UseMiddleware<ApiBoundaryMiddleware>());
        app.MapOpenApi().RequireAuthorization(); // any identity may read the contract (design.md §10: only /health is anonymous)
        var v1 = app.MapGroup(Prefix).WithTags("v1");
        v1.MapWalletsApi();
        v1.MapPayInsApi();
        v1.MapTransfersApi();
        v1.MapMovementsApi();
        v1.MapPayoutsApi();
        v1.MapCorrectionsApi();
        v1.MapCutoversApi();
        v1.MapReservePoliciesApi();
        v1.MapCoaApi();
        return app;
    }
}
