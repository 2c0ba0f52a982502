using System.ComponentModel.DataAnnotations;

namespace WalletFlow.Host.Identity;

/// <summary>Who may call walletflow: API keys, and optionally JWTs from the company's identity provider (section <c>Identity</c>).</summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>
    /// Where the first start writes the admin key. Unset: <c>admin.key</c> beside the private cluster's
    /// data directory (<c>.walletflow/admin.key</c> by default).
    /// </summary>
    public string? AdminKeyPath { get; set; }

    /// <summary>How long a checked API key is trusted without asking the database again; also how long a revoked key may keep working.</summary>
    [Range(0, 300)]
    public int KeyCacheSeconds { get; set; } = 5;

    public JwtOptions Jwt { get; set; } = new();

    /// <summary>JWT bearer tokens (Microsoft.AspNetCore.Authentication.JwtBearer); off while <see cref="Audience"/> is unset.</summary>
    public sealed class JwtOptions
    {
        /// <summary>The identity provider's issuer URL; its signing keys come from its OpenID Connect discovery document.</summary>
        public string? Authority { get; set; }

        /// <summary>The <c>aud</c> a token must carry. Setting it turns JWT bearer on.</summary>
        public string? Audience { get; set; }

        /// <summary>The <c>iss</c> a token must carry (defaults to the authority's).</summary>
        public string? Issuer { get; set; }

        /// <summary>A PEM file with the provider's public signing key (RSA or EC), instead of discovery.</summary>
        public string? SigningKeyFile { get; set; }

        public bool Enabled => !string.IsNullOrWhiteSpace(Audience);
    }
}
