using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using WalletFlow.Api;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Results;
using WalletFlow.Host.LedgerApi;
using WalletFlow.Host.Ops;

namespace WalletFlow.Host.Identity;

/// <summary>
/// A request refused by authorization answers problem+json like every other refusal: 401
/// <c>unauthenticated</c> with why the credentials did not identify anyone, or 403 <c>forbidden</c>
/// naming the scopes the endpoint needs (on the ledger API, in Formance's error shape). The request's
/// body is never read.
/// </summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (OperatorCookie.Serves(context) && authorizeResult.Forbidden)
        {
            // The console answers a person: a page naming what the role lacks (the audit still records the 403).
            var needed = policy.Requirements.OfType<ScopeRequirement>().Select(r => r.Scope).Distinct(StringComparer.Ordinal);
            var role = context.User.FindFirst(OperatorCookie.RoleClaim)?.Value ?? "none";
            await OpsResults.Error(StatusCodes.Status403Forbidden, "Not allowed",
                $"Your role ({role}) may not do this: it needs {string.Join(" or ", needed)}. Nothing was done.").ExecuteAsync(context);
            return;
        }
        if (OperatorCookie.Serves(context))
        {
            // Not signed in (or the cookie expired): the operator cookie's challenge sends the browser to sign in.
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        if (authorizeResult.Challenged)
        {
            // The handlers keep their result for the request: this asks again without a second look-up.
            var failure = (await context.AuthenticateAsync()).Failure?.Message;
            var reason = failure ?? "Send Authorization: Bearer and an API key (wf_…) or a token from the identity provider.";
            await Refusal(new Unauthenticated(reason), StatusCodes.Status401Unauthorized, context).ExecuteAsync(context);
            return;
        }
        if (authorizeResult.Forbidden)
        {
            var required = policy.Requirements.OfType<ScopeRequirement>().Select(r => r.Scope).Distinct(StringComparer.Ordinal).ToList();
            await Refusal(new Forbidden(required.Count > 0 ? required : [Scopes.Admin]), StatusCodes.Status403Forbidden, context).ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    // The ledger API answers every refusal in Formance's error shape (V2ErrorResponse), whose codes
    // name none for credentials: VALIDATION, with the status and walletflow's code in the message.
    private static IResult Refusal(Rejection rejection, int status, HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<LedgerApiEndpoint>() is null)
            return ApiProblems.For(rejection, context);
        if (rejection is Unauthenticated)
            context.Response.Headers.WWWAuthenticate = "Bearer";
        return LedgerApiResults.Refused(status, $"{rejection.Code}: {rejection.Message}");
    }
}
