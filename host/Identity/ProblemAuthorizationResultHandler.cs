using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using WalletFlow.Api;
using WalletFlow.Core.Identity;

namespace WalletFlow.Host.Identity;

/// <summary>
/// A request refused by authorization answers problem+json like every other refusal: 401
/// <c>unauthenticated</c> with why the credentials did not identify anyone, or 403 <c>forbidden</c>
/// naming the scopes the endpoint needs. The request's body is never read.
/// </summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Challenged)
        {
            // The handlers keep their result for the request: this asks again without a second look-up.
            var failure = (await context.AuthenticateAsync()).Failure?.Message;
            var reason = failure ?? "Send Authorization: Bearer and an API key (wf_…) or a token from the identity provider.";
            await ApiProblems.For(new Unauthenticated(reason), context).ExecuteAsync(context);
            return;
        }
        if (authorizeResult.Forbidden)
        {
            var required = policy.Requirements.OfType<ScopeRequirement>().Select(r => r.Scope).Distinct(StringComparer.Ordinal).ToList();
            await ApiProblems.For(new Forbidden(required.Count > 0 ? required : [Scopes.Admin]), context).ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
