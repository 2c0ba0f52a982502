using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Hosting;

/// <summary>The host in-process, on a real Kestrel socket on loopback, over a real database.</summary>
public class HealthEndpointTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    private string[] Args(params string[] extra) =>
        ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={database.ConnectionString}", .. extra];

    [Fact]
    public async Task Live_and_ready_answer_200_once_the_host_has_migrated_its_database()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await WalletFlowServer.StartAsync(Args(), ct);
        using var http = new HttpClient { BaseAddress = server.Addresses[0] };

        Assert.Equal(IPAddress.Loopback.ToString(), server.Addresses[0].Host);
        var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(ct));
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var check = Assert.Single(body.RootElement.GetProperty("checks").EnumerateArray());
        Assert.Equal("postgres", check.GetProperty("name").GetString());

        // The host migrated the database before it listened.
        await using var schema = database.DataSource.CreateCommand("SELECT count(*) FROM pg_namespace WHERE nspname = 'walletflow'");
        Assert.Equal(1L, await schema.ExecuteScalarAsync(ct));
    }

    [Fact]
    public async Task Ready_turns_503_when_the_database_goes_away_while_live_stays_200()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var doomed = new FreshDatabase(database.Server);
        await doomed.InitializeAsync();
        await using var server = await WalletFlowServer.StartAsync(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={doomed.ConnectionString}"], ct);
        using var http = new HttpClient { BaseAddress = server.Addresses[0] };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative), ct)).StatusCode);

        await using (var admin = new NpgsqlConnection(database.Server.AdminConnectionString))
        {
            await admin.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{doomed.Name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(ct);
        }

        var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(ct));
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/live", UriKind.Relative), ct)).StatusCode);
    }

    [Theory]
    [InlineData("--Postgres:Port=70000", "Postgres:Port must be between 0")]
    [InlineData("--Postgres:Database=Wallet-Flow", "Postgres:Database must be a lower-case identifier")]
    [InlineData("--Postgres:StartTimeoutSeconds=0", "Postgres:StartTimeoutSeconds must be between 1 and 3600")]
    public async Task An_invalid_setting_stops_start_up_with_a_message_naming_its_key(string setting, string message)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => WalletFlowServer.StartAsync(Args(setting), TestContext.Current.CancellationToken));
        Assert.Contains(message, string.Join(" ", error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_setting_in_a_known_section_stops_start_up_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => WalletFlowServer.StartAsync(Args("--Postgres:Prot=5433"), TestContext.Current.CancellationToken));
        Assert.Contains("Prot", error.Message, StringComparison.Ordinal);
    }
}
