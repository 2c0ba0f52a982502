using System.Diagnostics;
using System.Globalization;
using Npgsql;
using WalletFlow.Adapters.Ledger;

namespace WalletFlow.Bench.LedgerLoad;

/// <summary>
/// <c>dotnet run -c Release --project bench -- ledger-load [options]</c>: one private cluster, then
/// back to back, per client count: pgbench tpcb-like, the pgledger peer, walletflow's embedded
/// ledger; then single-client write latency at a small and a large ledger. See bench/README.md.
/// </summary>
internal static class LedgerLoadCommand
{
    private sealed record Phase(string Name, int Wallets, int Clients);

    private sealed record Row(Phase Phase, double TpcbTps, double PgledgerTps, double WalletFlowTps);

    private static readonly Phase[] Phases = [new("50 wallets", 50, 8), new("50 wallets", 50, 32), new("10 hot wallets", 10, 20)];

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = LedgerLoadOptions.Parse(args);
        var ct = CancellationToken.None;
        Log($"ledger-load {string.Join(' ', args)}");
        Log($"machine: {Environment.ProcessorCount} cores; uptime before: {await UptimeAsync()}");

        await using var cluster = await BenchCluster.StartAsync(options.Keep, ct);
        Log($"cluster: PostgreSQL 15 at {cluster.Host}:{cluster.Port}, data {cluster.DataDirectory} (PG defaults: fsync on, synchronous_commit on)");
        // As the host builds it (NpgsqlDataSource.Create on the connection string), with a pool for 32 clients.
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(cluster.ConnectionString(BenchCluster.WalletFlowDb, maxPool: 64))
        {
            MaxAutoPrepare = options.MaxAutoPrepare,
        }.ConnectionString);
        var engine = new EmbeddedLedger(dataSource, TimeProvider.System);
        var load = new WalletFlowLoad(engine, dataSource, options.IdempotencyKeys);
        var latency = new List<string>();

        if (!options.SkipLatency)
            latency.Add(await MeasureLatencyAsync(load, dataSource, options, options.SmallPostings, ct));

        var rows = new List<Row>();
        if (!options.SkipThroughput)
        {
            var peer = new PgledgerPeer(cluster, PgledgerPeer.DefaultDirectory);
            if (!options.WalletFlowOnly)
            {
                var clock = Stopwatch.StartNew();
                await cluster.RunClientAsync("pgbench", ["-i", "-q", "-s", options.PgbenchScale.ToString(CultureInfo.InvariantCulture), BenchCluster.PgbenchDb], ct);
                Log($"pgbench -i -s {options.PgbenchScale}: {clock.Elapsed.TotalSeconds:F1} s");
                await peer.LoadAsync(ct);
                Log("pgledger loaded; 50 + 10 bounded accounts funded from world");
            }
            await VacuumAsync(dataSource, ct);
            foreach (var phase in Phases)
                rows.Add(await RunPhaseAsync(cluster, peer, load, phase, options, ct));
        }

        if (!options.SkipLatency)
        {
            latency.Add(await MeasureLatencyAsync(load, dataSource, options, options.LargePostings, ct));
            latency.AddRange(await MeasureInterleavedAsync(load, dataSource, options, ct));
        }
        await GlobalChecksAsync(dataSource, ct);

        var after = await UptimeAsync();
        Console.WriteLine();
        Console.WriteLine($"## ledger-load results ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {options.DurationSeconds} s per phase{(options.IdempotencyKeys ? ", idempotency keys on" : "")})");
        Console.WriteLine();
        if (rows.Count > 0)
        {
            Console.WriteLine("| phase | clients | tpcb-like tps | pgledger tps | walletflow tps | pgledger / tpcb | walletflow / tpcb | walletflow / pgledger |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in rows)
                Console.WriteLine(FormattableString.Invariant(
                    $"| {r.Phase.Name} | {r.Phase.Clients} | {r.TpcbTps:F0} | {r.PgledgerTps:F0} | {r.WalletFlowTps:F0} | {r.PgledgerTps / r.TpcbTps:F2}× | {r.WalletFlowTps / r.TpcbTps:F2}× | {r.WalletFlowTps / r.PgledgerTps:F2}× |"));
            Console.WriteLine();
        }
        foreach (var line in latency)
            Console.WriteLine(line);
        Console.WriteLine();
        Console.WriteLine($"uptime after: {after}");
        return 0;
    }

    private static async Task<Row> RunPhaseAsync(BenchCluster cluster, PgledgerPeer peer, WalletFlowLoad load, Phase phase, LedgerLoadOptions options, CancellationToken ct)
    {
        var clients = phase.Clients.ToString(CultureInfo.InvariantCulture);
        var threads = Math.Min(options.PgbenchThreads, phase.Clients).ToString(CultureInfo.InvariantCulture);
        var seconds = options.DurationSeconds.ToString(CultureInfo.InvariantCulture);
        Log($"--- {phase.Name}, {phase.Clients} clients; load {await UptimeAsync()}");

        if (options.WalletFlowOnly)
            return new Row(phase, double.NaN, double.NaN, (await RunWalletFlowAsync(cluster, load, phase, options, ct)).Tps);

        BenchCluster.PgbenchRun tpcb;
        await using (var sampler = WaitSampler.Start(cluster, BenchCluster.PgbenchDb))
        {
            tpcb = await cluster.PgbenchAsync(["-b", "tpcb-like", "-c", clients, "-j", threads, "-T", seconds, BenchCluster.PgbenchDb], ct);
            Log(FormattableString.Invariant($"tpcb-like: {tpcb.Tps:F0} tps, {tpcb.Processed} processed, {tpcb.Failed} failed, {tpcb.LatencyMs:F2} ms avg"));
            Profile(await sampler.StopAsync());
        }

        BenchCluster.PgbenchRun pgledger;
        var before = await peer.TransfersAsync(ct);
        await using (var sampler = WaitSampler.Start(cluster, BenchCluster.PgledgerDb))
        {
            pgledger = await cluster.PgbenchAsync(["-n", "-f", peer.Script(phase.Wallets), "-c", clients, "-j", threads, "-T", seconds, BenchCluster.PgledgerDb], ct);
            Log(FormattableString.Invariant($"pgledger ({Path.GetFileName(peer.Script(phase.Wallets))}): {pgledger.Tps:F0} tps, {pgledger.Processed} processed, {pgledger.Failed} failed, {pgledger.LatencyMs:F2} ms avg"));
            Profile(await sampler.StopAsync());
        }
        Log($"pgledger checks: {await peer.VerifyAsync(before, pgledger.Processed, ct)}");

        var result = await RunWalletFlowAsync(cluster, load, phase, options, ct);
        return new Row(phase, tpcb.Tps, pgledger.Tps, result.Tps);
    }

    private static async Task<WalletFlowLoad.LoadResult> RunWalletFlowAsync(BenchCluster cluster, WalletFlowLoad load, Phase phase, LedgerLoadOptions options, CancellationToken ct)
    {
        var ledgerName = $"load-w{phase.Wallets}-c{phase.Clients}";
        var setup = await load.CreateFundedLedgerAsync(ledgerName, phase.Wallets, ct);
        WalletFlowLoad.LoadResult result;
        load.ClearPool(); // the profile's idle backends are then this phase's clients only
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await using (var sampler = WaitSampler.Start(cluster, BenchCluster.WalletFlowDb))
        {
            result = await load.RunAsync(ledgerName, phase.Wallets, phase.Clients,
                TimeSpan.FromSeconds(options.WarmupSeconds), TimeSpan.FromSeconds(options.DurationSeconds), ct);
            Log(FormattableString.Invariant(
                $"walletflow: {result.Tps:F0} tps, {result.Committed} committed in {result.Seconds:F1} s, {result.Refused} refused, {result.Errors} errors{(result.FirstError is { } e ? $" (first: {e})" : "")}"));
            Profile(await sampler.StopAsync());
        }
        var cpuPerTransfer = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / Math.Max(1, result.TotalCommitted);
        Log(FormattableString.Invariant($"walletflow client process CPU: {cpuPerTransfer:F0} µs per committed transfer (warm-up included)"));
        Log($"walletflow checks: {await load.VerifyAsync(ledgerName, setup + result.TotalCommitted, ct)}");
        return result;
    }

    private static void Profile(IReadOnlyList<(string What, double Backends)> profile)
    {
        foreach (var (what, backends) in profile.Take(7))
            Log(FormattableString.Invariant($"    {backends,5:F2} backends  {what}"));
    }

    /// <summary>
    /// Seeds the latency ledger up to <paramref name="postings"/> through the engine's API (multi-posting
    /// world → wallet transactions), vacuums, then times single-client transfers.
    /// </summary>
    private static async Task<string> MeasureLatencyAsync(WalletFlowLoad load, NpgsqlDataSource dataSource, LedgerLoadOptions options, long postings, CancellationToken ct)
    {
        const string ledger = "latency";
        const int wallets = 50;
        if (await CountPostingsAsync(dataSource, ledger, ct) is null)
            await load.CreateFundedLedgerAsync(ledger, wallets, ct);
        var clock = Stopwatch.StartNew();
        var seeded = await SeedAsync(load, dataSource, ledger, wallets, postings, options.PostingsPerSeedTransaction, ct);
        if (seeded > 0)
            Log(FormattableString.Invariant($"seeded {seeded} postings into '{ledger}' in {clock.Elapsed.TotalSeconds:F1} s ({seeded / clock.Elapsed.TotalSeconds:F0} postings/s, {options.PostingsPerSeedTransaction} per transaction)"));
        await VacuumAsync(dataSource, ct);
        var inLedger = await CountPostingsAsync(dataSource, ledger, ct) ?? 0;
        var inTable = await ScalarAsync(dataSource, "SELECT count(*) FROM ledger.postings", ct);

        for (var i = 0; i < 200; i++)
            await Expect(load.TransferAsync(ledger, wallets, ct));
        var samples = new double[options.LatencyCount];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await Expect(load.TransferAsync(ledger, wallets, ct));
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        var cpuPerTransfer = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / samples.Length;
        Array.Sort(samples);
        double P(double q) => samples[Math.Min(samples.Length - 1, (int)Math.Ceiling(q * samples.Length) - 1)];
        var line = FormattableString.Invariant(
            $"latency, 1 client, {samples.Length} transfers, {inLedger:N0} postings in the ledger ({inTable:N0} in ledger.postings): p50 {P(0.50):F2} ms, p95 {P(0.95):F2} ms, p99 {P(0.99):F2} ms, max {samples[^1]:F2} ms; client CPU {cpuPerTransfer:F0} µs per transfer");
        Log(line);
        var verdict = await load.VerifyAsync(ledger, await ScalarAsync(dataSource, "SELECT count(*) FROM ledger.transactions WHERE ledger = 'latency'", ct), ct);
        Log($"latency ledger checks: {verdict}");
        return line;
    }

    /// <summary>
    /// The small-vs-large comparison without drift in machine load between the two: a second,
    /// fresh ledger seeded to the small size, then rounds alternating between it and the large
    /// 'latency' ledger (LatencyCount / 4 timed transfers per ledger and round, 4 rounds).
    /// </summary>
    private static async Task<IReadOnlyList<string>> MeasureInterleavedAsync(WalletFlowLoad load, NpgsqlDataSource dataSource, LedgerLoadOptions options, CancellationToken ct)
    {
        const int wallets = 50;
        const string small = "latency-small", large = "latency";
        if (await CountPostingsAsync(dataSource, small, ct) is null)
            await load.CreateFundedLedgerAsync(small, wallets, ct);
        await SeedAsync(load, dataSource, small, wallets, options.SmallPostings, options.PostingsPerSeedTransaction, ct);
        await VacuumAsync(dataSource, ct);
        var samples = new Dictionary<string, List<double>> { [small] = [], [large] = [] };
        foreach (var ledger in samples.Keys)
        {
            for (var i = 0; i < 200; i++)
                await Expect(load.TransferAsync(ledger, wallets, ct));
        }
        for (var round = 0; round < 4; round++)
        {
            foreach (var (ledger, list) in samples)
            {
                for (var i = 0; i < options.LatencyCount / 4; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    await Expect(load.TransferAsync(ledger, wallets, ct));
                    list.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
        }
        var lines = new List<string>();
        foreach (var (ledger, list) in samples)
        {
            list.Sort();
            double P(double q) => list[Math.Min(list.Count - 1, (int)Math.Ceiling(q * list.Count) - 1)];
            var inLedger = await CountPostingsAsync(dataSource, ledger, ct) ?? 0;
            var line = FormattableString.Invariant(
                $"latency interleaved, 1 client, {list.Count} transfers in 4 alternating rounds, {inLedger:N0} postings in '{ledger}': p50 {P(0.50):F2} ms, p95 {P(0.95):F2} ms, p99 {P(0.99):F2} ms, max {list[^1]:F2} ms");
            Log(line);
            lines.Add(line);
            var count = await ScalarAsync(dataSource, $"SELECT count(*) FROM ledger.transactions WHERE ledger = '{ledger}'", ct);
            Log($"'{ledger}' checks: {await load.VerifyAsync(ledger, count, ct)}");
        }
        return lines;
    }

    private static async Task Expect(Task<LedgerResult<LedgerTransaction>> transfer)
    {
        var result = await transfer;
        if (!result.Succeeded)
            throw new InvalidOperationException($"latency transfer refused: {result.Error}");
    }

    private static async Task<long> SeedAsync(WalletFlowLoad load, NpgsqlDataSource dataSource, string ledger, int wallets, long target, int batch, CancellationToken ct)
    {
        var missing = target - (await CountPostingsAsync(dataSource, ledger, ct) ?? 0);
        if (missing <= 0)
            return 0;
        var transactions = (int)((missing + batch - 1) / batch);
        var next = 0;
        long written = 0;
        var engine = load.Engine;
        async Task Seeder()
        {
            while (Interlocked.Increment(ref next) <= transactions)
            {
                var size = (int)Math.Min(batch, missing - Interlocked.Read(ref written));
                if (size <= 0)
                    return;
                var postings = Enumerable.Range(0, size)
                    .Select(j => new Posting(LedgerSyntax.World, WalletFlowLoad.Wallet((j % wallets) + 1), 1, WalletFlowLoad.Asset)).ToList();
                var result = await engine.CreateTransactionAsync(ledger, new CreateTransaction(postings), null, ct);
                if (!result.Succeeded)
                    throw new InvalidOperationException($"seed transaction refused: {result.Error}");
                Interlocked.Add(ref written, size);
            }
        }
        await Task.WhenAll(Task.Run(Seeder, ct), Task.Run(Seeder, ct));
        return written;
    }

    private static async Task<long?> CountPostingsAsync(NpgsqlDataSource dataSource, string ledger, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM ledger.ledgers WHERE name = $1) THEN (SELECT count(*) FROM ledger.postings WHERE ledger = $1) END");
        command.Parameters.AddWithValue(ledger);
        return await command.ExecuteScalarAsync(ct) as long?;
    }

    private static async Task GlobalChecksAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var unbalanced = await ScalarAsync(dataSource,
            "SELECT count(*) FROM (SELECT ledger, asset FROM ledger.volumes GROUP BY ledger, asset HAVING sum(input - output) <> 0) u", ct);
        var negative = await ScalarAsync(dataSource, "SELECT count(*) FROM ledger.volumes WHERE address <> 'world' AND input < output", ct);
        if (unbalanced != 0 || negative != 0)
            throw new InvalidOperationException($"global checks failed: {unbalanced} unbalanced (ledger, asset), {negative} negative accounts");
        Log("global checks: every (ledger, asset) sums to zero over ledger.volumes; no account but world is negative");
    }

    private static async Task VacuumAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("VACUUM ANALYZE");
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<string> UptimeAsync()
    {
        try
        {
            return (await File.ReadAllTextAsync("/proc/loadavg")).Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static void Log(string message) =>
        Console.WriteLine(FormattableString.Invariant($"[{DateTime.UtcNow:HH:mm:ss}] {message}"));
}
