using System.Security.Claims;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using WalletFlow.Adapters.Identity;
using WalletFlow.Api;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Ports;

namespace WalletFlow.Host.Identity;

/// <summary>
/// Authentication (API keys; JWT bearer when configured), default-deny authorization by scope, the
/// per-client rate limit of money-moving requests and the audit of writes and refusals (design.md §10).
/// Every endpoint states its scope with <see cref="RequireScope{TBuilder}"/>; one that states nothing
/// still needs an authenticated caller (the fallback policy), and only <c>AllowAnonymous</c> opens one.
/// </summary>
public static class WalletFlowIdentity
{
    /// <summary>The rate limiter policy of money-moving endpoints.</summary>
    public const string MovementsRateLimit = "movements";

    private const string SelectorScheme = "walletflow";
    private const string JwtScheme = "Jwt";

    public static string PolicyName(string scope) => "scope:" + scope;

    /// <summary>The sets of scopes an endpoint may ask for any one of (<see cref="RequireAnyScope{TBuilder}"/>); each is a policy.</summary>
    private static readonly string[][] AnyOfSets = [[Scopes.CorrectionsRequest, Scopes.CorrectionsApprove]];

    private static string AnyOfPolicyName(IEnumerable<string> scopes) => "scope:" + string.Join('|', scopes);

    /// <summary>The endpoint needs one of <paramref name="scopes"/> (a set listed in <see cref="AnyOfSets"/>; <c>admin</c> holds them all).</summary>
    public static TBuilder RequireAnyScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(scopes);
        if (!AnyOfSets.Any(set => set.SequenceEqual(scopes, StringComparer.Ordinal)))
            throw new ArgumentException($"Add [{string.Join(", ", scopes)}] to {nameof(AnyOfSets)} first.", nameof(scopes));
        return builder.RequireAuthorization(AnyOfPolicyName(scopes));
    }

    /// <summary>The endpoint needs every one of <paramref name="scopes"/> (<c>admin</c> holds them all).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(scopes);
        if (scopes.Length == 0 || scopes.Any(s => !Scopes.IsKnown(s)))
            throw new ArgumentException("Name at least one known scope.", nameof(scopes));
        return builder.RequireAuthorization(scopes.Select(PolicyName).ToArray());
    }

    public static IServiceCollection AddWalletFlowIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdentityOptions>()
            .Bind(configuration.GetSection(IdentityOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .Validate(o => !o.Jwt.Enabled || !string.IsNullOrWhiteSpace(o.Jwt.Authority) || (!string.IsNullOrWhiteSpace(o.Jwt.Issuer) && !string.IsNullOrWhiteSpace(o.Jwt.SigningKeyFile)),
                "Identity:Jwt:Audience is set: also set Identity:Jwt:Authority, or Identity:Jwt:Issuer and Identity:Jwt:SigningKeyFile.")
            .Validate(o => o.Jwt.SigningKeyFile is null || File.Exists(o.Jwt.SigningKeyFile), "Identity:Jwt:SigningKeyFile names a file that does not exist.")
            .ValidateOnStart();
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<ApiClientKeys>();
        services.AddSingleton<AdminKeyFile>();
        services.AddSingleton<PostgresAuditLog>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<PostgresAuditLog>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresAuditLog>());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        var jwt = configuration.GetSection(IdentityOptions.Section).Get<IdentityOptions>()?.Jwt ?? new IdentityOptions.JwtOptions();
        var authentication = services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API key, JWT, or the operator cookie under /ops", o => o.ForwardDefaultSelector = context =>
                OperatorCookie.Serves(context) ? OperatorCookie.Scheme
                : !jwt.Enabled || context.Request.Headers.Authorization.ToString().StartsWith("Bearer " + ApiKey.Prefix, StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : JwtScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddOperatorCookie();
        if (jwt.Enabled)
            authentication.AddJwtBearer(JwtScheme, o => ConfigureJwt(o, jwt));

        services.AddAuthorization(o =>
        {
            foreach (var scope in Scopes.All)
                o.AddPolicy(PolicyName(scope), p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scope)));
            foreach (var set in AnyOfSets)
                o.AddPolicy(AnyOfPolicyName(set), p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(set)));
            // Default deny: an endpoint that names no policy still needs someone.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });

        services.AddRateLimiter(o =>
        {
            o.AddPolicy(MovementsRateLimit, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var actor = WalletFlowClaims.ActorOf(context.User) ?? "anonymous";
                return limits.MovementsPerSecond == 0
                    ? RateLimitPartition.GetNoLimiter(actor)
                    : RateLimitPartition.GetTokenBucketLimiter(actor, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.MovementsBurst,
                        TokensPerPeriod = limits.MovementsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            o.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 1;
                await ApiProblems.For(new RateLimited(Math.Max(1, retryAfter)), context.HttpContext).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>The middleware, in order: audit (sees every answer), authentication, authorization, rate limits.</summary>
    public static WebApplication UseWalletFlowIdentity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<AuditMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    private static void ConfigureJwt(JwtBearerOptions o, IdentityOptions.JwtOptions jwt)
    {
        o.MapInboundClaims = false; // keep "sub" and "scope" as the provider wrote them
        o.Audience = jwt.Audience;
        if (!string.IsNullOrWhiteSpace(jwt.Authority))
        {
            o.Authority = jwt.Authority;
            o.RequireHttpsMetadata = !Uri.TryCreate(jwt.Authority, UriKind.Absolute, out var authority) || !authority.IsLoopback;
        }
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = string.IsNullOrWhiteSpace(jwt.Issuer) ? null : jwt.Issuer,
            ValidateAudience = true,
            ValidAudience = jwt.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            NameClaimType = "sub",
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        if (!string.IsNullOrWhiteSpace(jwt.SigningKeyFile))
            o.TokenValidationParameters.IssuerSigningKey = ReadSigningKey(jwt.SigningKeyFile);
        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var subject = context.Principal?.FindFirst("sub")?.Value;
                if (subject is null || context.Principal!.Identity is not ClaimsIdentity identity)
                {
                    context.Fail("The token names no subject (sub).");
                    return Task.CompletedTask;
                }
                identity.AddClaim(new Claim(WalletFlowClaims.Actor, "token:" + subject));
                identity.AddClaim(new Claim(WalletFlowClaims.ActorKind, "token"));
                return Task.CompletedTask;
            },
        };
    }

    private static SecurityKey ReadSigningKey(string path)
    {
        var pem = File.ReadAllText(path);
        if (TryEc(pem) is { } ec)
            return ec;
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa);
    }

    private static ECDsaSecurityKey? TryEc(string pem)
    {
        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            return new ECDsaSecurityKey(ec);
        }
        catch (CryptographicException)
        {
            ec.Dispose();
            return null;
        }
        catch (ArgumentException)
        {
            ec.Dispose();
            return null;
        }
    }
}
