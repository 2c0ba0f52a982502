using Microsoft.AspNetCore.Authorization;
using WalletFlow.Core.Identity;

namespace WalletFlow.Host.Identity;

/// <summary>The principal must hold <see cref="Scope"/> (or <c>admin</c>).</summary>
public sealed class ScopeRequirement(string scope) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (context.User.Identity?.IsAuthenticated == true && Scopes.Grants(WalletFlowClaims.ScopesOf(context.User), requirement.Scope))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
