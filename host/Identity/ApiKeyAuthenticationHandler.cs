using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WalletFlow.Core.Identity;

namespace WalletFlow.Host.Identity;

/// <summary>
/// <c>Authorization: Bearer wf_…</c>: the key's client becomes the principal, with its scopes and
/// the actor <c>client:NAME</c>. No header is no result (anonymous); anything else that is not a live
/// key fails with a reason the 401 carries.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiClientKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (headers.Count == 0)
            return AuthenticateResult.NoResult();
        if (headers.Count > 1)
            return AuthenticateResult.Fail("Send one Authorization header.");
        var header = headers[0] ?? "";
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("Authorization must be 'Bearer' and an API key (wf_…) or a token.");
        var key = header["Bearer ".Length..].Trim();
        if (!ApiKey.HasShape(key))
            return AuthenticateResult.Fail("The bearer credential is not a walletflow API key (wf_ and 43 characters).");
        var client = await keys.FindAsync(key, Context.RequestAborted);
        if (client is null)
            return AuthenticateResult.Fail("The API key is not valid: unknown or revoked.");

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, client.ClientId),
            new(ClaimTypes.Name, client.Name),
            new(WalletFlowClaims.Actor, "client:" + client.Name),
            new(WalletFlowClaims.ActorKind, "client"),
        };
        claims.AddRange(client.Scopes.Select(s => new Claim(WalletFlowClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
