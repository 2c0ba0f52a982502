using System.Security.Claims;

namespace WalletFlow.Host.Identity;

/// <summary>
/// The claims walletflow reads from any principal: who it is as an actor (<c>client:NAME</c>,
/// <c>operator:NAME</c>, <c>token:SUB</c>) and its scopes (space-separated <c>scope</c>, or <c>scp</c>,
/// claims as OAuth 2.0 servers issue them).
/// </summary>
public static class WalletFlowClaims
{
    public const string Actor = "wf:actor";
    public const string ActorKind = "wf:actor_kind";
    public const string Scope = "scope";
    private const string EntraScope = "scp";

    /// <summary>The actor recorded for what <paramref name="principal"/> does, or null when it is anonymous.</summary>
    public static string? ActorOf(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true)
            return null;
        if (principal.FindFirst(Actor)?.Value is { } actor)
            return actor;
        return (principal.FindFirst("sub")?.Value ?? principal.Identity.Name) is { } subject ? "token:" + subject : null;
    }

    public static string KindOf(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Identity?.IsAuthenticated != true ? "anonymous" : principal.FindFirst(ActorKind)?.Value ?? "token";
    }

    public static IEnumerable<string> ScopesOf(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Claims
            .Where(c => c.Type is Scope or EntraScope)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
