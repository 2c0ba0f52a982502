using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace WalletFlow.Chaos;

/// <summary>
/// The crash harness (issue 15 scope 5): the real walletflow executable as a child process on the
/// Postgres durable backend, over the harness's own cluster, paying out through the harness's rail;
/// killed with SIGKILL at seeded moments and started again, <see cref="ChaosOptions.Cycles"/> times,
/// the cluster itself crashed once; then, at quiescence, every invariant counted.
/// </summary>
public static class ChaosRun
{
    /// <summary>Roughly how long a child takes from SIGKILL to ready again; only sizes the workload's spread.</summary>
    private static readonly TimeSpan RestartEstimate = TimeSpan.FromSeconds(3);

    public static async Task<ChaosReport> RunAsync(ChaosOptions options, Action<string> log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var workDirectory = options.WorkDirectory ?? Directory.CreateTempSubdirectory("walletflow-chaos-logs-").FullName;
        Directory.CreateDirectory(workDirectory);
        log($"chaos: seed {options.Seed}, {options.Cycles} cycles, {options.Payouts} payouts, cluster crash in cycle {options.EffectiveCrashCycle}, logs in {workDirectory}");

        await using var cluster = await ChaosCluster.StartAsync(maxConnections: 100, ct);
        await using var rail = await ChaosRail.StartAsync(settleAfterQueries: 2, slowResponse: TimeSpan.FromSeconds(4), ct);
        var settings = new ChaosHostSettings(cluster.ConnectionString(20), FreeLoopbackPort(), rail.BaseUrl, ChaosRail.WebhookSecret);
        rail.WebhookUrl = settings.WebhookUrl;
        await using var db = NpgsqlDataSource.Create(cluster.ConnectionString(5));
        using var client = new ChaosClient(settings.AdminKeyPath, settings.BaseAddress);

        var run = 0;
        async Task<ChaosHost> StartChildAsync()
        {
            run++;
            var child = await ChaosHost.StartAsync(settings, Path.Combine(workDirectory, $"walletflow-{run:D3}.log"), ct);
            log(string.Create(CultureInfo.InvariantCulture, $"  [{clock.Elapsed.TotalSeconds,6:F1} s] walletflow run {run} ready (pid {child.ProcessId})"));
            return child;
        }

        var host = await StartChildAsync();
        int kills = 0, crashes = 0, unexpectedExits = 0;
        try
        {
            var workload = new ChaosWorkload(client, options.Payouts, options.Seed, $"c{options.Seed}");
            await workload.PrepareAsync(ct);
            var meanUptime = (options.MinUptime + options.MaxUptime) / 2;
            var spread = (meanUptime + RestartEstimate) * options.Cycles;
            log($"  {workload.OperationCount} operations spread over about {spread.TotalSeconds:F0} s");
            using var stopWorkload = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var traffic = workload.RunAsync(spread, stopWorkload.Token);

            try
            {
                for (var cycle = 1; cycle <= options.Cycles && !traffic.IsFaulted; cycle++)
                {
                    var uptime = options.MinUptime + (options.MaxUptime - options.MinUptime) * random.NextDouble();
                    if (cycle == options.EffectiveCrashCycle)
                    {
                        // The cluster goes down under a running child, which must ride it out (or exit and be restarted).
                        var before = uptime * random.NextDouble();
                        var down = TimeSpan.FromSeconds(1 + 2 * random.NextDouble());
                        (host, unexpectedExits) = await RunForAsync(host, before, unexpectedExits, StartChildAsync, log, ct);
                        await cluster.CrashAsync(ct);
                        crashes++;
                        log(string.Create(CultureInfo.InvariantCulture, $"  [{clock.Elapsed.TotalSeconds,6:F1} s] cycle {cycle}: cluster crashed (pg_ctl stop -m immediate), down for {down.TotalSeconds:F1} s"));
                        await Task.Delay(down, ct);
                        await cluster.RestartAsync(ct);
                        log(string.Create(CultureInfo.InvariantCulture, $"  [{clock.Elapsed.TotalSeconds,6:F1} s] cycle {cycle}: cluster restarted"));
                        uptime -= before;
                    }
                    (host, unexpectedExits) = await RunForAsync(host, uptime, unexpectedExits, StartChildAsync, log, ct);
                    host.Kill();
                    kills++;
                    log(string.Create(CultureInfo.InvariantCulture,
                        $"  [{clock.Elapsed.TotalSeconds,6:F1} s] cycle {cycle}: SIGKILL pid {host.ProcessId} after {uptime.TotalSeconds:F1} s; {workload.Receipts.Count} answers so far"));
                    await host.DisposeAsync();
                    host = await StartChildAsync();
                }
            }
            catch
            {
                // A failing cycle stops the traffic too, rather than leave it retrying against a dead port.
                await stopWorkload.CancelAsync();
                throw;
            }

            await traffic;
            log(string.Create(CultureInfo.InvariantCulture, $"  [{clock.Elapsed.TotalSeconds,6:F1} s] workload done: {ChaosWorkload.Describe(workload.Receipts)}"));
            var started = workload.Receipts.Where(r => r.Kind == "payout").Select(r => r.ResourceId!).ToList();
            var open = await ChaosInvariants.WaitForQuiescenceAsync(db, started, options.QuiescenceTimeout,
                line => log(string.Create(CultureInfo.InvariantCulture, $"  [{clock.Elapsed.TotalSeconds,6:F1} s] {line}")), ct);
            log(string.Create(CultureInfo.InvariantCulture, $"  [{clock.Elapsed.TotalSeconds,6:F1} s] quiescent ({open.Count} payouts still open)"));
            if (host.HasExited)
            {
                await host.DisposeAsync();
                (host, unexpectedExits) = (await StartChildAsync(), unexpectedExits + 1);
            }

            var invariants = await ChaosInvariants.CheckAsync(db, client, rail, [.. workload.Receipts], started, ct);
            var statuses = await StatusCountsAsync(db, started, ct);
            var byDigit = await OutcomesByDigitAsync(db, started, ct);
            var requests = rail.Requests;
            foreach (var refusal in workload.Refusals.Take(5))
                log("  refused: " + refusal);
            return new ChaosReport(options, clock.Elapsed, kills, crashes, unexpectedExits, client.Retries,
                ChaosWorkload.Describe(workload.Receipts) + (workload.Refusals.Count > 0 ? $", refused {workload.Refusals.Count}" : ""),
                statuses, byDigit, started.Count(id => rail.Find(id) is not null), requests.Count(r => r.IsSubmit), invariants, workDirectory);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>Lets the child run for <paramref name="duration"/>; a child that exits by itself is counted and started again.</summary>
    private static async Task<(ChaosHost Host, int UnexpectedExits)> RunForAsync(ChaosHost host, TimeSpan duration, int unexpectedExits,
        Func<Task<ChaosHost>> start, Action<string> log, CancellationToken ct)
    {
        var until = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < until)
        {
            if (host.HasExited)
            {
                log($"  walletflow pid {host.ProcessId} exited by itself; last lines of {host.LogPath}:\n{host.Tail(15)}");
                await host.DisposeAsync();
                unexpectedExits++;
                host = await start();
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100, Math.Max(1, (until - DateTime.UtcNow).TotalMilliseconds))), ct);
        }
        return (host, unexpectedExits);
    }

    private static async Task<IReadOnlyDictionary<string, int>> StatusCountsAsync(NpgsqlDataSource db, IReadOnlyCollection<string> payoutIds, CancellationToken ct)
    {
        await using var command = db.CreateCommand("SELECT status, count(*)::int FROM walletflow.payouts WHERE payout_id = ANY($1) GROUP BY status");
        command.Parameters.Add(new NpgsqlParameter { Value = payoutIds.ToArray() });
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }

    /// <summary>"digit: status count, …" per last digit of the beneficiary account (the sandbox script), so every outcome is seen exercised.</summary>
    private static async Task<string> OutcomesByDigitAsync(NpgsqlDataSource db, IReadOnlyCollection<string> payoutIds, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT right(coalesce(beneficiary->>'AccountNumber', beneficiary->>'accountNumber', ''), 1) AS digit, status, count(*)::int
            FROM walletflow.payouts WHERE payout_id = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = payoutIds.ToArray() });
        var lines = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!lines.TryGetValue(reader.GetString(0), out var list))
                lines[reader.GetString(0)] = list = [];
            list.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(1)} {reader.GetInt32(2)}"));
        }
        return string.Join("; ", lines.Select(l => $"{l.Key}: {string.Join(", ", l.Value)}"));
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
