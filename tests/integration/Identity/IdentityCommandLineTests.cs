using System.Net;
using WalletFlow.Core.Identity;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Identity;

/// <summary><c>walletflow clients …</c> and <c>walletflow operators …</c> as an operator types them, against the server's database.</summary>
public sealed class IdentityCommandLineTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private Dictionary<string, string> Env => new() { ["ConnectionStrings__WalletFlow"] = database.ConnectionString };

    [Fact]
    public async Task Clients_add_prints_a_key_that_works_with_its_scopes_list_shows_no_key_and_revoke_stops_it()
    {
        var name = $"reader-{Guid.NewGuid():N}"[..16];
        var added = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, Env, "clients", "add", name, "--scopes", "wallets:read,reports:read");
        Assert.True(added.ExitCode == 0, added.Output);
        var key = added.Output.Split('\n').Select(l => l.Trim()).Single(ApiKey.HasShape);
        Assert.Contains("shown once", added.Output, StringComparison.Ordinal);

        var refused = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, Env, "clients", "add", "x" + name, "--scopes", "wallets:read,everything");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("'everything' is not a scope", refused.Output, StringComparison.Ordinal);
        var taken = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, Env, "clients", "add", name, "--scopes", "admin");
        Assert.Equal(1, taken.ExitCode);
        Assert.Contains("already named", taken.Output, StringComparison.Ordinal);

        await using (var server = await WalletFlowServer.StartAsync(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={database.ConnectionString}", "--Identity:KeyCacheSeconds=0",
             $"--Identity:AdminKeyPath={Path.Combine(Path.GetTempPath(), $"wf-{Guid.NewGuid():N}.key")}"], Ct))
        {
            using var http = TestCredentials.Client(server.Addresses[0], key);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/v1/reports/trial-balance", UriKind.Relative), Ct)).StatusCode);
            using var write = await http.PostAsync(new Uri("/v1/wallets", UriKind.Relative),
                new StringContent("""{"ownerId":"o","currency":"NGN"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
            Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);

            var list = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, Env, "clients", "list");
            Assert.True(list.ExitCode == 0, list.Output);
            Assert.Contains($"{name}\t", list.Output, StringComparison.Ordinal);
            Assert.Contains("wallets:read,reports:read\tlive", list.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(key, list.Output, StringComparison.Ordinal);

            var revoked = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, Env, "clients", "revoke", name);
            Assert.True(revoked.ExitCode == 0, revoked.Output);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/v1/reports/trial-balance", UriKind.Relative), Ct)).StatusCode);
            var again = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, Env, "clients", "revoke", name);
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("No API client", again.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Operators_add_reads_the_password_from_standard_input_and_refuses_a_short_one_or_an_unknown_role()
    {
        var name = $"ops-{Guid.NewGuid():N}"[..14];
        var added = await WalletFlowProcess.RunWithInputAsync(AppContext.BaseDirectory, Env, "a long enough password\n",
            "operators", "add", name, "--role", "approver", "--password-stdin");
        Assert.True(added.ExitCode == 0, added.Output);
        Assert.Contains($"Added operator '{name}' with role approver.", added.Output, StringComparison.Ordinal);

        var shortPassword = await WalletFlowProcess.RunWithInputAsync(AppContext.BaseDirectory, Env, "short\n",
            "operators", "add", "x" + name, "--role", "viewer", "--password-stdin");
        Assert.Equal(1, shortPassword.ExitCode);
        Assert.Contains("A password is 12–256 characters.", shortPassword.Output, StringComparison.Ordinal);
        var badRole = await WalletFlowProcess.RunWithInputAsync(AppContext.BaseDirectory, Env, "a long enough password\n",
            "operators", "add", "y" + name, "--role", "root", "--password-stdin");
        Assert.Equal(1, badRole.ExitCode);
        Assert.Contains("viewer, operator, approver, admin", badRole.Output, StringComparison.Ordinal);
        var noStdin = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, Env, "operators", "add", "z" + name, "--role", "viewer");
        Assert.Equal(2, noStdin.ExitCode);

        var list = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, Env, "operators", "list");
        Assert.Contains($"{name}\tapprover\tactive", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("x" + name, list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("a long enough password", list.Output, StringComparison.Ordinal);

        await using var db = Npgsql.NpgsqlDataSource.Create(database.ConnectionString);
        await using var hash = db.CreateCommand("SELECT password_hash FROM identity.operators WHERE name = $1");
        hash.Parameters.Add(new Npgsql.NpgsqlParameter { Value = name });
        var stored = (string)(await hash.ExecuteScalarAsync(Ct))!;
        Assert.DoesNotContain("a long enough password", stored, StringComparison.Ordinal);
        Assert.True(new WalletFlow.Adapters.Identity.OperatorPasswords().Verify(stored, "a long enough password", out _));
    }
}
