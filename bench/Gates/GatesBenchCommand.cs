using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Adapters;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Adapters.Postgres;
using WalletFlow.Bench.LedgerLoad;
using WalletFlow.Core.Gates;
using ILedger = WalletFlow.Core.Ports.ILedger;
using WalletFlow.Core.Reports;

namespace WalletFlow.Bench.Gates;

/// <summary>
/// <c>dotnet run -c Release --project bench -- gates [--accounts 100000] [--runs 3] [--batch 200] [--keep]</c>:
/// a private cluster, a ledger of that many accounts written through the embedded ledger's API (one
/// bank paying into wallets, <c>--batch</c> postings per transaction), the statements read model
/// filled to match, then full gate runs timed one after the other (see bench/README.md).
/// </summary>
internal static class GatesBenchCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var accounts = Int(args, "--accounts", 100_000);
        var runs = Int(args, "--runs", 3);
        var batch = Int(args, "--batch", 200);
        var ct = CancellationToken.None;
        Log($"gates {string.Join(' ', args)}; machine: {Environment.ProcessorCount} cores");

        await using var cluster = await BenchCluster.StartAsync(args.Contains("--keep"), ct);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PostgresOptions.ConnectionStringKey] = cluster.ConnectionString(BenchCluster.WalletFlowDb, maxPool: 16),
            ["Ledger:Name"] = "walletflow",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddWalletFlow(configuration);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<WalletFlowDatabase>().StartAsync(ct);
        var ledger = provider.GetRequiredService<EmbeddedLedger>();
        var created = await ledger.CreateLedgerAsync("walletflow", metadata: null, ct);
        if (!created.Succeeded && created.Error.Code != LedgerErrorCodes.LedgerAlreadyExists)
            throw new InvalidOperationException(created.Error.Message);

        // accounts − 1 wallets, each paid once from one bank (forced: the bank is debit-normal).
        var clock = Stopwatch.StartNew();
        var wallets = accounts - 1;
        for (var first = 0; first < wallets; first += batch)
        {
            var postings = Enumerable.Range(first, Math.Min(batch, wallets - first))
                .Select(i => new Posting("banks:bench:NGN", $"wallets:w{i:D6}:main", 100 + i % 9_900, "NGN/2"))
                .ToList();
            var written = await ledger.CreateTransactionAsync("walletflow", new CreateTransaction(postings, Force: true), idempotencyKey: null, ct);
            if (!written.Succeeded)
                throw new InvalidOperationException(written.Error.Message);
        }
        Log($"seeded {accounts:N0} accounts in {(wallets + batch - 1) / batch:N0} transactions through EmbeddedLedger.CreateTransactionAsync: {clock.Elapsed.TotalSeconds:F1} s");

        // The read model as the use cases would have left it (they write it in each command's transaction).
        await using (var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString(BenchCluster.WalletFlowDb)))
        {
            await using (var fill = dataSource.CreateCommand("""
                INSERT INTO walletflow.statement_balances (account, asset, wallet_id, balance, updated_at)
                SELECT address, asset, split_part(address, ':', 2), input - output, now()
                FROM ledger.volumes WHERE ledger = 'walletflow' AND address LIKE 'wallets:%'
                """))
                await fill.ExecuteNonQueryAsync(ct);
            await using var vacuum = dataSource.CreateCommand("VACUUM ANALYZE");
            await vacuum.ExecuteNonQueryAsync(ct);
        }

        var port = provider.GetRequiredService<ILedger>();
        clock.Restart();
        var listed = 0;
        await foreach (var _ in port.ListBalancesAsync("", ct))
            listed++;
        Log($"ListBalancesAsync(\"\"): {listed:N0} balances in {clock.Elapsed.TotalSeconds:F2} s");

        clock.Restart();
        var trial = await provider.GetRequiredService<TrialBalanceQuery>().RunAsync(null, ct);
        Log($"trial balance: {clock.Elapsed.TotalSeconds:F2} s, foots: {trial.Value.Foots}");

        var runner = provider.GetRequiredService<GateRunner>();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            clock.Restart();
            var run = await runner.RunAsync("bench", ct);
            times.Add(clock.Elapsed.TotalSeconds);
            Log($"gate run {i + 1}: {times[^1]:F2} s, passed: {run.Passed} ({string.Join(", ", run.Gates.Select(g => $"{g.Gate} {(g.Passed ? "ok" : "FAILED " + g.Details.Count)}"))})");
        }
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"| {accounts:N0} accounts | {listed:N0} balances | gate run min {times.Min():F2} s | median {times.Order().ElementAt(times.Count / 2):F2} s | max {times.Max():F2} s |"));
        return 0;
    }

    private static int Int(IReadOnlyList<string> args, string name, int fallback)
    {
        var at = args.ToList().IndexOf(name);
        return at >= 0 && at + 1 < args.Count ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static void Log(string line) => Console.WriteLine($"[{DateTimeOffset.UtcNow:HH:mm:ss}] {line}");
}
