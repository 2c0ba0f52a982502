using System.Globalization;

namespace WalletFlow.Bench.HttpLoad;

/// <summary>The run's Markdown table: every phase in run order, HTTP rows with their ratio to tpcb-like at the same client count.</summary>
internal static class ResultTable
{
    public static void Print(IReadOnlyList<PhaseRow> rows)
    {
        var tpcb = rows.Where(r => r.IsPgbench && r.Clients is not null).ToDictionary(r => r.Clients!.Value, r => r.PerSecond);
        Console.WriteLine("| path | connections / rate | requests/s | p50 ms | p99 ms | p99.9 ms | non-201 | timeouts | ratio to tpcb-like |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            var ratio = !r.IsPgbench && r.Clients is int c && tpcb.TryGetValue(c, out var reference) && reference > 0
                ? (r.PerSecond / reference).ToString("F2", CultureInfo.InvariantCulture) + "×"
                : "—";
            Console.WriteLine(FormattableString.Invariant(
                $"| {r.Path} | {r.Load} | {r.PerSecond:F0} | {Ms(r.P50Ms)} | {Ms(r.P99Ms)} | {Ms(r.P999Ms)} | {r.NonCreated} | {(r.IsPgbench ? "—" : r.Timeouts.ToString(CultureInfo.InvariantCulture))} | {ratio} |"));
        }
    }

    private static string Ms(double ms) => double.IsNaN(ms) ? "—" : ms.ToString(ms >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);
}
