using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using WalletFlow.Core.Identity;
using WalletFlow.Host.Identity;
using WalletFlow.Host.Ops.Components;

namespace WalletFlow.Host.Ops;

/// <summary>
/// Signing in and out of /ops. The password is checked by <see cref="SignInOperator"/> (lock-out after
/// repeated failures, one answer for every refusal); a refused sign-in answers 401 so the audit records it.
/// </summary>
public static class OpsSignIn
{
    public static RouteGroupBuilder MapOpsSignIn(this RouteGroupBuilder ops)
    {
        ops.MapGet("/sign-in", (string? returnUrl) => OpsResults.Page<SignInPage>(new { ReturnUrl = LocalOrHome(returnUrl) }))
            .AllowAnonymous().WithName("Ops.SignInForm");

        ops.MapPost("/sign-in", async ([FromForm] string? name, [FromForm] string? password, [FromForm] string? returnUrl,
                SignInOperator signIn, HttpContext context, CancellationToken ct) =>
            {
                var signedIn = await signIn.RunAsync(name, password, ct);
                if (!signedIn.TryGetValue(out var account, out var refused))
                    return OpsResults.Page<SignInPage>(new { ReturnUrl = LocalOrHome(returnUrl), Name = name, Refused = refused.Message }, StatusCodes.Status401Unauthorized);
                var principal = OperatorCookie.PrincipalOf(account);
                await context.SignInAsync(OperatorCookie.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
                context.User = principal; // the audit of this request names who signed in
                return Results.Redirect(LocalOrHome(returnUrl));
            })
            .AllowAnonymous().WithName("Ops.SignIn");

        ops.MapPost("/sign-out", async (HttpContext context) =>
            {
                await context.SignOutAsync(OperatorCookie.Scheme);
                return Results.Redirect(OperatorCookie.SignInPath);
            })
            .WithName("Ops.SignOut");
        return ops;
    }

    /// <summary>Only an address of the console itself: a crafted sign-in link cannot send the operator elsewhere.</summary>
    private static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith(OperatorCookie.PathPrefix, StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : OperatorCookie.PathPrefix;
}
