using System.Diagnostics;
using Npgsql;
using WalletFlow.Bench.LedgerLoad;

namespace WalletFlow.Bench.HttpLoad;

/// <summary>
/// Runs the phases <c>--phases</c> selects, one at a time, and keeps their rows and failed checks.
/// An HTTP phase: load, then wait for the outbox relay to catch up, then the checks. A pgbench phase
/// first waits until the idle host has closed enough pooled connections for its clients.
/// </summary>
internal sealed class HttpPhaseRunner(BenchCluster cluster, HostProcess host, NpgsqlDataSource db, PhaseChecks checks, HttpLoadOptions options, string run, string workDirectory)
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DrainWait = TimeSpan.FromSeconds(120);
    private readonly TimeSpan _warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
    private readonly TimeSpan _duration = TimeSpan.FromSeconds(options.DurationSeconds);
    private readonly List<PhaseRow> _rows = [];

    public IReadOnlyList<PhaseRow> Rows => _rows;
    public int FailedChecks { get; private set; }

    public async Task TpcbAsync(int clients, CancellationToken ct)
    {
        var name = $"tpcb-c{clients}";
        if (!options.Selects(name))
            return;
        HttpLoadCommand.Log($"--- {name}: pgbench tpcb-like, {clients} clients, {options.DurationSeconds} s; load {HttpLoadCommand.LoadAverage()}");
        await WaitForConnectionsAsync(clients, ct);
        _rows.Add(await PgbenchPhase.RunAsync(cluster, name, clients, options.DurationSeconds, workDirectory, ct));
    }

    /// <summary>A closed-loop phase; <paramref name="required"/> runs it even when not selected (the open loop's rate comes from payins-c32).</summary>
    public async Task<PhaseRow?> ClosedAsync(string name, string path, MovementMix mix, int connections, CancellationToken ct, bool required = false)
    {
        if (!required && !options.Selects(name))
            return null;
        return await MeasureAsync(name, path, mix, $"{connections} connections", connections,
            prefix => ClosedLoop.RunAsync(host.BaseAddress, host.AdminKey, mix, prefix, connections, _warmup, _duration), ct);
    }

    public async Task OpenAsync(string name, string path, MovementMix mix, double rate, int share, CancellationToken ct)
    {
        if (!options.Selects(name))
            return;
        await MeasureAsync(name, path, mix, FormattableString.Invariant($"{rate:F0}/s ({share}% of R)"), null,
            prefix => OpenLoop.RunAsync(host.BaseAddress, host.AdminKey, mix, prefix, rate, _warmup, _duration), ct);
    }

    private async Task<PhaseRow> MeasureAsync(string name, string path, MovementMix mix, string load, int? clients,
        Func<string, Task<(RequestTally Tally, PhaseWindow Window)>> drive, CancellationToken ct)
    {
        var keyPrefix = $"hl{run}-{name}-";
        var before = await checks.CountAsync(ct);
        HttpLoadCommand.Log($"--- {name}: {path}, {load}, {options.WarmupSeconds} s warm-up + {options.DurationSeconds} s; load {HttpLoadCommand.LoadAverage()}");
        var (tally, window) = await drive(keyPrefix);
        var row = new PhaseRow(name, path, load, clients, tally.CreatedPerSecond(window),
            tally.Percentile(50), tally.Percentile(99), tally.Percentile(99.9), tally.NotCreated, tally.Timeouts, IsPgbench: false);
        HttpLoadCommand.Log(FormattableString.Invariant(
            $"{name}: {row.PerSecond:F0} 201/s; p50 {row.P50Ms:F2} ms, p99 {row.P99Ms:F2} ms, p99.9 {row.P999Ms:F2} ms, max {tally.Percentile(100):F2} ms ({tally.Latency.TotalCount} timed); {tally.Describe()}"));
        await DrainOutboxAsync(ct);
        foreach (var check in await checks.RunAsync(mix, keyPrefix, tally, before, ct))
        {
            HttpLoadCommand.Log("  " + check);
            if (!check.Passed)
                FailedChecks++;
        }
        HttpLoadCommand.Log($"  host so far: {host.Describe()}");
        _rows.Add(row);
        return row;
    }

    /// <summary>Waits for the outbox relay to publish the phase's events, so the next phase starts on an idle host.</summary>
    private async Task DrainOutboxAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        long pending;
        while ((pending = await ScalarAsync("SELECT count(*) FROM walletflow.outbox WHERE published_at IS NULL", ct)) > 0 && clock.Elapsed < DrainWait)
            await Task.Delay(200, ct);
        HttpLoadCommand.Log(pending == 0
            ? FormattableString.Invariant($"  outbox relay caught up {clock.Elapsed.TotalSeconds:F1} s after the phase")
            : $"  outbox relay still has {pending} unpublished events after {DrainWait.TotalSeconds:F0} s; going on");
    }

    /// <summary>
    /// The host's pools hold connections after a phase (closed after 5 s idle, see HttpLoadCommand); pgbench's
    /// clients need their own under the cluster's max_connections.
    /// </summary>
    private async Task WaitForConnectionsAsync(int clients, CancellationToken ct)
    {
        var budget = await ScalarAsync("SELECT current_setting('max_connections')::bigint", ct) - clients - 6;
        var clock = Stopwatch.StartNew();
        long open;
        while ((open = await ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'", ct)) > budget && clock.Elapsed < IdleWait)
            await Task.Delay(500, ct);
        if (open > budget)
            HttpLoadCommand.Log($"  {open} client connections still open after {IdleWait.TotalSeconds:F0} s (room for pgbench: {budget}); pgbench may be refused");
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
