namespace WalletFlow.Bench.HttpLoad;

/// <summary>
/// One line of the results table. For an HTTP phase: 201s per second in the window, latency
/// percentiles (ms), non-201 answers and timeouts over the whole phase. For pgbench: its tps, the
/// percentiles of its per-transaction log, and its failed transactions as non-201.
/// </summary>
/// <param name="Name">The phase's name (what <c>--phases</c> filters on).</param>
/// <param name="Path">What was driven: <c>POST /v1/payins</c>, <c>pgbench tpcb-like</c>, ….</param>
/// <param name="Load">Connections or clients, or the open loop's target rate.</param>
/// <param name="Clients">Connections or clients, for the ratio to tpcb-like at the same count; null for open loops.</param>
/// <param name="PerSecond">201s (or pgbench transactions) per second.</param>
/// <param name="P50Ms">Median latency, ms.</param>
/// <param name="P99Ms">99th percentile, ms.</param>
/// <param name="P999Ms">99.9th percentile, ms.</param>
/// <param name="NonCreated">Requests without a 201 (answered otherwise, timed out or failed in transport); pgbench: failed transactions.</param>
/// <param name="Timeouts">Requests unanswered within the client timeout (a subset of <paramref name="NonCreated"/>).</param>
/// <param name="IsPgbench">A tpcb-like reference line.</param>
internal sealed record PhaseRow(string Name, string Path, string Load, int? Clients, double PerSecond,
    double P50Ms, double P99Ms, double P999Ms, long NonCreated, long Timeouts, bool IsPgbench);
