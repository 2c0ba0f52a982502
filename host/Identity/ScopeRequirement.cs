using Microsoft.AspNetCore.Authorization;
using WalletFlow.Core.Identity;

namespace WalletFlow.Host.Identity;

/// <summary>The principal must hold one of <see cref="AnyOf"/> (or <c>admin</c>).</summary>
public sealed class ScopeRequirement(params string[] anyOf) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public IReadOnlyList<string> AnyOf { get; } = anyOf;

    /// <summary>How a refusal names it: the scope, or "a or b".</summary>
    public string Scope => string.Join(" or ", AnyOf);

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (context.User.Identity?.IsAuthenticated == true && requirement.AnyOf.Any(scope => Scopes.Grants(WalletFlowClaims.ScopesOf(context.User), scope)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
