using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WalletFlow.Core.Telemetry;

/// <summary>
/// The payout saga's step durations: <c>walletflow.payout.step.duration</c> (seconds, by step and outcome),
/// one measurement per activity run (a retried step is measured each time it runs). How many payouts
/// stand in each status is read from the payouts table (the <c>walletflow.payouts</c> gauge, adapters).
/// </summary>
public static class PayoutTelemetry
{
    /// <summary>The requery step's name (a requery's transitions are numbered; its step is not).</summary>
    public const string RequeryStep = "requery";

    private static readonly Histogram<double> StepDuration = WalletFlowTelemetry.Meter.CreateHistogram(
        "walletflow.payout.step.duration", "s", "Time of one run of a payout saga step (hold, submit, requery, settle, release, dead-letter), by step and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WalletFlowTelemetry.DurationBuckets });

    /// <summary>Runs one step and records how long it took and how it ended (<paramref name="outcome"/> of its answer, or <c>failed</c>).</summary>
    public static async Task<T> TimeAsync<T>(string step, Func<Task<T>> run, Func<T, string> outcome)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(outcome);
        var started = Stopwatch.GetTimestamp();
        var ended = WalletFlowTelemetry.Outcomes.Failed;
        try
        {
            var answer = await run().ConfigureAwait(false);
            ended = outcome(answer);
            return answer;
        }
        finally
        {
            StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new(WalletFlowTelemetry.Tags.Step, step), new(WalletFlowTelemetry.Tags.Outcome, ended));
        }
    }
}
