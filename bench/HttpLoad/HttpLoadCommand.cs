using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using WalletFlow.Bench.LedgerLoad;

namespace WalletFlow.Bench.HttpLoad;

/// <summary>
/// <c>dotnet run -c Release --project bench -- http-load [options]</c>: the v1 HTTP API of the real
/// walletflow executable under load, beside pgbench tpcb-like on the same private cluster. Closed
/// loops of pay-ins and transfers at 8, 32 and 64 connections (and transfers on 5 hot wallets), then
/// open-loop pay-ins at 25–100% of the 32-connection rate; checks after every phase; one Markdown
/// table. See bench/README.md, section "http-load".
/// </summary>
internal static class HttpLoadCommand
{
    public const int SpreadWallets = 50;
    public const int HotWallets = 5;
    private static readonly int[] ClientCounts = [8, 32, 64];
    private static readonly int[] OpenLoopShares = [25, 50, 75, 100];

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = HttpLoadOptions.Parse(args);
        var ct = CancellationToken.None;
        var uptimeBefore = await UptimeAsync();
        Log($"http-load {string.Join(' ', args)}; machine: {Environment.ProcessorCount} cores");
        Console.WriteLine($"uptime before: {uptimeBefore}");

        await using var cluster = await BenchCluster.StartAsync(options.Keep, ct);
        var work = Path.GetDirectoryName(cluster.DataDirectory)!;
        Log($"cluster: PostgreSQL 15 at {cluster.Host}:{cluster.Port}, data {cluster.DataDirectory} (PG defaults: fsync on, synchronous_commit on, max_connections 100)");
        var clock = Stopwatch.StartNew();
        await PgbenchPhase.InitialiseAsync(cluster, ct);
        Log($"pgbench -i -s {PgbenchPhase.Scale}: {clock.Elapsed.TotalSeconds:F1} s");

        await using var db = NpgsqlDataSource.Create(cluster.ConnectionString(BenchCluster.WalletFlowDb, maxPool: 4));
        await using var telemetry = options.Telemetry ? TelemetrySink.Start() : null;
        await using var host = await HostProcess.StartAsync(HostConnectionString(cluster, options), Path.Combine(work, "host.log"),
            telemetry?.HostEnvironment ?? TelemetrySink.Off, ct);
        using var api = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", host.AdminKey);
        telemetry?.ScrapeEvery(TimeSpan.FromSeconds(15), api);
        Log(options.Telemetry
            ? $"telemetry on: /metrics scraped every 15 s, OTLP/HTTP to {telemetry!.Endpoint}"
            : "telemetry off (Telemetry:Enabled=false)");
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        clock.Restart();
        var spread = await LoadWallets.OpenAndFundAsync(api, $"hl{run}-w", SpreadWallets, ct);
        var hot = await LoadWallets.OpenAndFundAsync(api, $"hl{run}-hot", HotWallets, ct);
        Log($"opened {SpreadWallets} + {HotWallets} USD wallets over HTTP, each funded with one pay-in of {LoadWallets.Funding}: {clock.Elapsed.TotalSeconds:F1} s");

        var phases = new HttpPhaseRunner(cluster, host, db, new PhaseChecks(db, api), options, run, work);
        var needRate = OpenLoopShares.Any(share => options.Selects($"payins-open-{share}"));
        double? rate = null;
        foreach (var n in ClientCounts)
        {
            await phases.TpcbAsync(n, ct);
            var payIns = await phases.ClosedAsync($"payins-c{n}", $"POST /v1/payins ({SpreadWallets} wallets)", MovementMix.PayIns(spread), n, ct, required: n == 32 && needRate);
            await phases.ClosedAsync($"transfers-c{n}", $"POST /v1/transfers ({SpreadWallets} wallets)", MovementMix.Transfers(spread), n, ct);
            if (n != 32)
                continue;
            rate = payIns?.PerSecond;
            await phases.TpcbAsync(20, ct);
            await phases.ClosedAsync("transfers-hot-c32", $"POST /v1/transfers ({HotWallets} hot wallets)", MovementMix.Transfers(hot), 32, ct);
        }
        if (rate is > 0)
        {
            Log(FormattableString.Invariant($"open loop: R = {rate:F0} pay-ins/s (payins-c32)"));
            foreach (var share in OpenLoopShares)
                await phases.OpenAsync($"payins-open-{share}", $"POST /v1/payins ({SpreadWallets} wallets, open loop)", MovementMix.PayIns(spread), rate.Value * share / 100, share, ct);
        }
        else if (needRate)
        {
            Log("open loop skipped: payins-c32 answered no 201s, so there is no rate R");
        }

        Log($"host: {host.Describe()}");
        if (telemetry is not null)
            Log(telemetry.Describe());
        var uptimeAfter = await UptimeAsync();
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"## http-load results ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {options.WarmupSeconds} s warm-up + {options.DurationSeconds} s per phase, host pools {options.HostPool}, telemetry {(options.Telemetry ? "on" : "off")})"));
        Console.WriteLine();
        ResultTable.Print(phases.Rows);
        Console.WriteLine();
        Console.WriteLine(phases.FailedChecks == 0 ? "checks: every check passed" : $"checks: {phases.FailedChecks} FAILED (see the FAIL lines above)");
        Console.WriteLine($"uptime before: {uptimeBefore}");
        Console.WriteLine($"uptime after:  {uptimeAfter}");
        return phases.FailedChecks == 0 ? 0 : 1;
    }

    /// <summary>
    /// The host's database: the bench cluster, each of its two pools capped at <c>--host-pool</c>;
    /// connections idle for 5 s are closed, so pgbench finds room between HTTP phases. (Under load no
    /// connection stays idle that long.)
    /// </summary>
    private static string HostConnectionString(BenchCluster cluster, HttpLoadOptions options) =>
        new NpgsqlConnectionStringBuilder(cluster.ConnectionString(BenchCluster.WalletFlowDb, maxPool: options.HostPool))
        {
            ConnectionIdleLifetime = 5,
            ConnectionPruningInterval = 1,
        }.ConnectionString;

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";

    private static async Task<string> UptimeAsync()
    {
        try
        {
            using var uptime = Process.Start(new ProcessStartInfo("uptime") { RedirectStandardOutput = true, UseShellExecute = false })!;
            var output = await uptime.StandardOutput.ReadToEndAsync();
            await uptime.WaitForExitAsync();
            return output.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"(no uptime command) load average {LoadAverage()}";
        }
    }

    public static void Log(string message) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] {message}"));
}
