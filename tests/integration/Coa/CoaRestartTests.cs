using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Seed;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Coa;

/// <summary>
/// Start-up seeds only an empty database (issue 20 §3): a chart imported by an admin survives a restart
/// of walletflow; its difference from the seed is reported, not overwritten.
/// </summary>
public sealed class CoaRestartTests(PostgresServer postgres)
{
    private const string CoaApiSource = "POST /v1/coa/imports";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restart_keeps_an_imported_chart_instead_of_overwriting_it_with_the_seed()
    {
        await using var database = new FreshDatabase(postgres);
        await database.InitializeAsync();
        string[] args = ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={database.ConnectionString}"];
        var renamed = SeedTables.ChartOfAccounts.Replace("2000,Customer wallets,", "2000,Customer e-wallets,", StringComparison.Ordinal);

        await using (var first = await WalletFlowServer.StartAsync(args, Ct))
        {
            await StartupGateRunsAsync(database, 1);
            using var http = TestCredentials.Client(first.Addresses[0], await first.NewKeyAsync());
            using var content = new StringContent(renamed, Encoding.UTF8, "text/csv");
            using var imported = await http.PostAsync("/v1/coa/imports?apply=true", content, Ct);
            Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync(Ct));
        }

        await using (var second = await WalletFlowServer.StartAsync(args, Ct))
        {
            // The start-up sync runs before the start-up gate run: once that run is stored, the sync has run.
            await StartupGateRunsAsync(database, 2);
            var current = await second.Services.GetRequiredService<CoaSeedSync>().SyncAsync(Ct);

            Assert.Equal((2, CoaApiSource, "Customer e-wallets"), (current.Snapshot.Version, current.Snapshot.Source, current.Snapshot.Chart.FindByGlCode("2000")!.Name));
            Assert.True(current.DiffersFromSeed);
            Assert.Equal(("2000", "name", "Customer wallets"), (current.Drift!.Changed[0].GlCode, current.Drift.Changed[0].Field, current.Drift.Changed[0].Seed));
            Assert.Equal(2L, await ScalarAsync(database, "SELECT count(*) FROM walletflow.coa_versions"));
        }
    }

    private static async Task StartupGateRunsAsync(FreshDatabase database, long runs)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await ScalarAsync(database, "SELECT count(*) FROM walletflow.gate_runs WHERE trigger = 'startup'") < runs)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {runs} start-up gate runs after two minutes");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<long> ScalarAsync(FreshDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
