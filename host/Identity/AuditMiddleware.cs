using Microsoft.AspNetCore.Http.Features;
using WalletFlow.Api;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Ports;
using WalletFlow.Host.Ops;

namespace WalletFlow.Host.Identity;

/// <summary>
/// Records, after the answer, every authenticated write (any method but GET, HEAD and OPTIONS) and
/// every refused request (401, 403, 429), whoever sent it: who, when, what, the idempotency key and the
/// outcome. It runs before authentication, so it sees the refusals authorization answers itself.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, IAuditLog audit, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        finally
        {
            Record(context);
        }
    }

    private void Record(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var refused = status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests;
        var actor = WalletFlowClaims.ActorOf(context.User);
        var write = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method);
        if (!refused && !(write && actor is not null))
            return;
        var keys = context.Request.Headers[ApiHeaders.IdempotencyKeyHeader];
        // A console form carries its key as a field; the form is read only if the endpoint already read it.
        if (keys.Count == 0 && context.Features.Get<IFormFeature>()?.Form is { } form)
            keys = form[OpsForm.KeyField];
        audit.Record(new AuditEntry(
            clock.GetUtcNow(), actor, WalletFlowClaims.KindOf(context.User), context.Request.Method, context.Request.Path.Value ?? "",
            EndpointOf(context), keys.Count == 1 ? keys[0] : keys.Count > 1 ? string.Join(",", keys.ToArray()) : null,
            status, OutcomeOf(status), context.TraceIdentifier));
    }

    private static string? EndpointOf(HttpContext context) => context.GetEndpoint() switch
    {
        null => null,
        var e when e.Metadata.GetMetadata<IEndpointNameMetadata>() is { } name => name.EndpointName,
        RouteEndpoint route => route.RoutePattern.RawText,
        var e => e.DisplayName,
    };

    private static string OutcomeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "unauthenticated",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        >= 500 => "failed",
        >= 400 => "rejected",
        _ => "done",
    };
}
