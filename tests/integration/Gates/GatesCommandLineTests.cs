using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Gates;

/// <summary><c>walletflow gates run</c> as an operator runs it: 0 when the gates pass, 1 when one fails, 2 for bad settings.</summary>
public sealed class GatesCommandLineTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    private Dictionary<string, string> Env => new() { ["ConnectionStrings__WalletFlow"] = database.ConnectionString };

    [Fact]
    public async Task Gates_run_exits_0_on_clean_books_1_after_an_orphan_hold_and_2_on_a_bad_interval()
    {
        var clean = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, Env, "gates", "run");
        Assert.True(clean.ExitCode == 0, clean.Output);
        Assert.Contains("\"passed\": true", clean.Output, StringComparison.Ordinal);
        Assert.Contains("books-foot: passed", clean.Output, StringComparison.Ordinal);

        await using (var db = Npgsql.NpgsqlDataSource.Create(database.ConnectionString))
        {
            await using (var wallet = db.CreateCommand("INSERT INTO walletflow.wallets VALUES ('cli_w', 'cli_owner', 'NGN', 'active', now())"))
                await wallet.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            await GateBreakers.InsertOrphanHoldAsync(db, "cli_w", "cliorphan");
        }
        var failed = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, Env, "gates", "run");
        Assert.True(failed.ExitCode == 1, failed.Output);
        Assert.Contains("holds-match: FAILED (1)", failed.Output, StringComparison.Ordinal);
        Assert.Contains("cliorphan", failed.Output, StringComparison.Ordinal);

        var bad = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory,
            new Dictionary<string, string>(Env) { ["Gates__IntervalMinutes"] = "0" }, "gates", "run");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("Gates:IntervalMinutes must be between 1 and 1440", bad.Output, StringComparison.Ordinal);
    }
}
