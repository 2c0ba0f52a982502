using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using WalletFlow.Core.Identity;

namespace WalletFlow.Host.Identity;

/// <summary>
/// How an operator stays signed in to /ops: a cookie made after <see cref="SignInOperator"/> accepted
/// the password, carrying the actor <c>operator:NAME</c> and the scopes of the role
/// (<see cref="OperatorRoles"/>), so the scope policies of v1 decide what a console command may do.
/// Requests under <see cref="PathPrefix"/> authenticate with it and only it; everything else keeps
/// API keys and JWT.
/// </summary>
public static class OperatorCookie
{
    public const string Scheme = "Operator";
    public const string PathPrefix = "/ops";
    public const string SignInPath = "/ops/sign-in";
    public const string SignOutPath = "/ops/sign-out";
    public const string RoleClaim = "wf:operator_role";

    /// <summary>Idle time after which the cookie stops working; each request in the second half of it renews it.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public static bool Serves(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Path.StartsWithSegments(PathPrefix, StringComparison.Ordinal);
    }

    public static AuthenticationBuilder AddOperatorCookie(this AuthenticationBuilder authentication) =>
        authentication.AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "walletflow.ops";
            o.Cookie.Path = PathPrefix;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = SignInPath;
            o.LogoutPath = SignOutPath;
            o.ReturnUrlParameter = "returnUrl";
        });

    /// <summary>The principal of a signed-in operator.</summary>
    public static ClaimsPrincipal PrincipalOf(OperatorAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(Scheme, ClaimTypes.Name, RoleClaim);
        identity.AddClaim(new Claim(ClaimTypes.Name, account.Name));
        identity.AddClaim(new Claim(RoleClaim, OperatorRoles.Name(account.Role)));
        identity.AddClaim(new Claim(WalletFlowClaims.Actor, "operator:" + account.Name));
        identity.AddClaim(new Claim(WalletFlowClaims.ActorKind, "operator"));
        identity.AddClaim(new Claim(WalletFlowClaims.Scope, string.Join(' ', OperatorRoles.ScopesOf(account.Role))));
        return new ClaimsPrincipal(identity);
    }
}
