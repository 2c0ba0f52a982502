using System.Diagnostics;

namespace WalletFlow.Bench.HttpLoad;

/// <summary>
/// A phase's measured window in <see cref="Stopwatch"/> ticks, after its warm-up. Throughput counts the
/// 201s that completed inside it. Latency is recorded for the requests that completed inside it
/// (closed loop), or whose intended start lies inside it (open loop: every request scheduled in the
/// window counts, however late it was answered).
/// </summary>
internal readonly record struct PhaseWindow(long Start, long End, bool ByIntendedStart)
{
    public double Seconds => (double)(End - Start) / Stopwatch.Frequency;

    public static PhaseWindow After(long origin, TimeSpan warmup, TimeSpan duration, bool byIntendedStart)
    {
        var start = origin + Ticks(warmup);
        return new PhaseWindow(start, start + Ticks(duration), byIntendedStart);
    }

    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    public bool Contains(long timestamp) => timestamp >= Start && timestamp < End;

    public bool MeasuresLatency(long start, long end) => Contains(ByIntendedStart ? start : end);
}
