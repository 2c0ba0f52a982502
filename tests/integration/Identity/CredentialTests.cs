using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Ports;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Identity;

/// <summary>
/// Who a request is, through the real host: the first start's admin key file, revocation, JWTs from an
/// identity provider, the per-client rate limit, the audit of writes and refusals, and operator
/// accounts with lock-out.
/// </summary>
public sealed class CredentialTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string _work = Directory.CreateTempSubdirectory("walletflow-identity-").FullName;

    private Task<WalletFlowServer> StartAsync(params string[] extra) => StartOnAsync(database, extra);

    private Task<WalletFlowServer> StartOnAsync(FreshDatabase on, params string[] extra) => WalletFlowServer.StartAsync(
        ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={on.ConnectionString}",
         $"--Identity:AdminKeyPath={Path.Combine(_work, "admin.key")}", "--Identity:KeyCacheSeconds=0", .. extra], Ct);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient http, HttpMethod method, string path, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task The_first_start_writes_an_admin_key_readable_only_by_its_owner_that_works_and_a_restart_keeps_it()
    {
        // A database of its own: the other tests here make clients, and the first start happens once per database.
        await using var empty = new FreshDatabase(database.Server);
        await empty.InitializeAsync();
        var path = Path.Combine(_work, "admin.key");
        string key;
        await using (var server = await StartOnAsync(empty))
        {
            Assert.True(File.Exists(path));
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            key = (await File.ReadAllTextAsync(path, Ct)).Trim();
            Assert.True(ApiKey.HasShape(key), key);
            using var http = TestCredentials.Client(server.Addresses[0], key);
            var (status, _) = await SendAsync(http, HttpMethod.Get, "/v1/reports/trial-balance");
            Assert.Equal(HttpStatusCode.OK, status);
            var admin = Assert.Single(await server.Services.GetRequiredService<IApiClientStore>().ListAsync(Ct), c => c.Name == "admin");
            Assert.Equal([Scopes.Admin], admin.Scopes);
        }
        await using (var again = await StartOnAsync(empty))
            Assert.Equal(key, (await File.ReadAllTextAsync(path, Ct)).Trim()); // not a second admin, not a new key
        // Only the hash is stored.
        await using var db = NpgsqlDataSource.Create(empty.ConnectionString);
        await using var stored = db.CreateCommand("SELECT count(*) FROM identity.api_clients WHERE key_hash = $1 AND position($2 in key_hash::text) = 0");
        stored.Parameters.Add(new NpgsqlParameter { Value = ApiKey.Hash(key) });
        stored.Parameters.Add(new NpgsqlParameter { Value = key });
        Assert.Equal(1L, await stored.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_and_the_refusal_and_the_writes_are_audited_with_the_actor()
    {
        await using var server = await StartAsync();
        var made = await server.Services.GetRequiredService<AddApiClient>().RunAsync($"auditor-{Guid.NewGuid():N}"[..20], [Scopes.WalletsWrite], "tests", Ct);
        var client = made.Value;
        using var http = TestCredentials.Client(server.Addresses[0], client.Key);
        var walletId = $"aud_{Guid.NewGuid():N}"[..16];

        var (opened, _) = await SendAsync(http, HttpMethod.Post, "/v1/wallets", new { walletId, ownerId = "o", currency = "NGN" });
        Assert.Equal(HttpStatusCode.Created, opened);
        var (forbidden, _) = await SendAsync(http, HttpMethod.Post, "/v1/payins",
            new { walletId, amount = "1.00", currency = "NGN", source = "banks:b", externalRef = "r" }, "audit-key-1");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);

        var revoked = await server.Services.GetRequiredService<RevokeApiClient>().RunAsync(client.Client.Name, "tests", Ct);
        Assert.True(revoked.IsSuccess);
        var (refused, problem) = await SendAsync(http, HttpMethod.Get, "/v1/wallets/" + walletId);
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        Assert.Contains("unknown or revoked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var actor = "client:" + client.Client.Name;
        var audit = (await server.Services.GetRequiredService<IAuditLog>().RecentAsync(50, Ct)).Reverse().ToList();
        var open = Assert.Single(audit, a => a.Actor == actor && a.Endpoint == "OpenWallet");
        Assert.Equal((201, "done", "client"), (open.Status, open.Outcome, open.ActorKind));
        var payIn = Assert.Single(audit, a => a.Actor == actor && a.Path == "/v1/payins");
        Assert.Equal((403, "forbidden", "audit-key-1"), (payIn.Status, payIn.Outcome, payIn.IdempotencyKey));
        var afterRevoke = Assert.Single(audit, a => a.Path == "/v1/wallets/" + walletId);
        Assert.Equal((401, "unauthenticated", (string?)null, "anonymous"), (afterRevoke.Status, afterRevoke.Outcome, afterRevoke.Actor, afterRevoke.ActorKind));
    }

    [Fact]
    public async Task A_client_over_its_rate_of_money_moving_requests_gets_429_with_Retry_After_and_nothing_moves()
    {
        await using var server = await StartAsync("--RateLimits:MovementsPerSecond=1", "--RateLimits:MovementsBurst=1");
        using var http = await server.AdminClientAsync();
        var walletId = $"rl_{Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(http, HttpMethod.Post, "/v1/wallets", new { walletId, ownerId = "o", currency = "NGN" })).Status);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => SendAsync(http, HttpMethod.Post, "/v1/payins",
            new { walletId, amount = "1.00", currency = "NGN", source = "banks:b", externalRef = $"r{i}" }, $"rl-{walletId}-{i}")));

        var limited = answers.Where(a => a.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, a => Assert.Equal("rate_limited", a.Body.GetProperty("code").GetString()));
        var moved = answers.Count(a => a.Status == HttpStatusCode.Created);
        var (_, wallet) = await SendAsync(http, HttpMethod.Get, "/v1/wallets/" + walletId);
        Assert.Equal($"{moved}.00", wallet.GetProperty("balances").GetProperty("available").GetProperty("amount").GetString());
        // Reading is not rate limited.
        Assert.All(await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SendAsync(http, HttpMethod.Get, "/v1/wallets/" + walletId))),
            a => Assert.Equal(HttpStatusCode.OK, a.Status));
    }

    [Fact]
    public async Task A_JWT_from_the_identity_provider_acts_with_its_scopes_and_subject_and_a_bad_one_is_401()
    {
        using var rsa = RSA.Create(2048);
        var keyFile = Path.Combine(_work, "idp.pem");
        await File.WriteAllTextAsync(keyFile, rsa.ExportSubjectPublicKeyInfoPem(), Ct);
        await using var server = await StartAsync("--Identity:Jwt:Audience=walletflow", "--Identity:Jwt:Issuer=https://idp.example",
            $"--Identity:Jwt:SigningKeyFile={keyFile}");
        var signing = new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
        string Token(string scope, string audience = "walletflow", DateTime? expires = null) => new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(
            "https://idp.example", audience, [new Claim("sub", "ada@example.com"), new Claim("scope", scope)],
            DateTime.UtcNow.AddMinutes(-5), expires ?? DateTime.UtcNow.AddMinutes(10), signing));
        using var http = new HttpClient { BaseAddress = server.Addresses[0] };
        var walletId = $"jwt_{Guid.NewGuid():N}"[..16];

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token("wallets:read wallets:write"));
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(http, HttpMethod.Post, "/v1/wallets", new { walletId, ownerId = "o", currency = "NGN" })).Status);
        var (forbidden, problem) = await SendAsync(http, HttpMethod.Post, "/v1/payins",
            new { walletId, amount = "1.00", currency = "NGN", source = "banks:b", externalRef = "r" }, "jwt-1");
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (forbidden, problem.GetProperty("code").GetString()));

        foreach (var bad in new[] { Token("admin", audience: "someone-else"), Token("admin", expires: DateTime.UtcNow.AddMinutes(-2)), Token("admin")[..^4] + "AAAA" })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bad);
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, HttpMethod.Get, "/v1/wallets/" + walletId)).Status);
        }

        var audit = await server.Services.GetRequiredService<IAuditLog>().RecentAsync(50, Ct);
        Assert.Contains(audit, a => a.Actor == "token:ada@example.com" && a.ActorKind == "token" && a.Status == 201);
    }

    [Fact]
    public async Task Operators_sign_in_with_their_password_and_are_locked_out_after_five_failures_even_with_the_right_one()
    {
        await using var server = await StartAsync();
        var name = $"op-{Guid.NewGuid():N}"[..16];
        var added = await server.Services.GetRequiredService<AddOperator>().RunAsync(name, "approver", "correct horse battery", Ct);
        Assert.True(added.IsSuccess, added.IsSuccess ? "" : added.Error.Message);
        Assert.DoesNotContain("correct horse", added.Value.PasswordHash, StringComparison.Ordinal);
        Assert.Equal("state_conflict", (await server.Services.GetRequiredService<AddOperator>().RunAsync(name, "viewer", "another long password", Ct)).Error!.Code);
        Assert.Equal("invalid_request", (await server.Services.GetRequiredService<AddOperator>().RunAsync("x" + name, "viewer", "short", Ct)).Error!.Code);

        var signIn = server.Services.GetRequiredService<SignInOperator>();
        Assert.Equal(OperatorRole.Approver, (await signIn.RunAsync(name, "correct horse battery", Ct)).Value.Role);
        for (var i = 0; i < SignInOperator.LockAfterFailures; i++)
            Assert.Equal(SignInOperator.Refused, (await signIn.RunAsync(name, "wrong password " + i, Ct)).Error!.Message);
        var locked = await signIn.RunAsync(name, "correct horse battery", Ct);
        Assert.False(locked.IsSuccess);
        Assert.Equal(SignInOperator.Refused, locked.Error!.Message); // the same answer: a locked account says nothing more
        Assert.Equal(SignInOperator.Refused, (await signIn.RunAsync("nobody-" + name, "correct horse battery", Ct)).Error!.Message);
        var stored = await server.Services.GetRequiredService<IOperatorStore>().FindAsync(name, Ct);
        Assert.True(stored!.LockedUntil > DateTimeOffset.UtcNow.AddMinutes(14));
    }
}
