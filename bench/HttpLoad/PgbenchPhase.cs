using System.Globalization;
using HdrHistogram;
using WalletFlow.Bench.LedgerLoad;

namespace WalletFlow.Bench.HttpLoad;

/// <summary>
/// The reference: <c>pgbench -b tpcb-like -c N -j 2 -T D pgbench</c> on the same cluster (scale 32,
/// vacuumed first as pgbench does), with its per-transaction log (<c>-l</c>) read into an HdrHistogram
/// for the same percentiles the HTTP phases report.
/// </summary>
internal static class PgbenchPhase
{
    public const int Scale = 32;
    private const int Threads = 2;

    public static async Task InitialiseAsync(BenchCluster cluster, CancellationToken ct) =>
        await cluster.RunClientAsync("pgbench", ["-i", "-q", "-s", Scale.ToString(CultureInfo.InvariantCulture), BenchCluster.PgbenchDb], ct);

    public static async Task<PhaseRow> RunAsync(BenchCluster cluster, string name, int clients, int seconds, string logDirectory, CancellationToken ct)
    {
        var prefix = Path.Combine(logDirectory, name);
        var run = await cluster.PgbenchAsync(
            ["-b", "tpcb-like", "-c", Invariant(clients), "-j", Invariant(Math.Min(Threads, clients)), "-T", Invariant(seconds),
             "-l", "--log-prefix", prefix, BenchCluster.PgbenchDb], ct);
        var latency = new LongHistogram(3_600_000_000, 3);
        // One file per thread: {prefix}.{pid} and {prefix}.{pid}.{thread}. A line is
        // "client transaction latency_us script epoch_s epoch_us"; a failed one has no number there.
        foreach (var file in Directory.EnumerateFiles(logDirectory, name + ".*"))
        {
            foreach (var line in File.ReadLines(file))
            {
                var fields = line.Split(' ');
                if (fields.Length > 2 && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var micros))
                    latency.RecordValue(Math.Min(micros, latency.HighestTrackableValue));
            }
            File.Delete(file);
        }
        double P(double p) => latency.TotalCount == 0 ? double.NaN : latency.GetValueAtPercentile(p) / 1000.0;
        HttpLoadCommand.Log(FormattableString.Invariant(
            $"{name}: {run.Tps:F0} tps, {run.Processed} processed, {run.Failed} failed, {run.LatencyMs:F2} ms avg; p50 {P(50):F2} ms, p99 {P(99):F2} ms, p99.9 {P(99.9):F2} ms ({latency.TotalCount} logged)"));
        return new PhaseRow(name, "pgbench tpcb-like", $"{clients} clients", clients, run.Tps, P(50), P(99), P(99.9), run.Failed, 0, IsPgbench: true);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
