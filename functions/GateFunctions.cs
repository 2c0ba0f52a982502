using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Gates;

namespace WalletFlow.Functions;

/// <summary>
/// The reconciliation gates on a TimerTrigger (design.md §8), in place of host/'s in-process schedule.
/// A failing gate is a stored run (and, for books-foot or holds-match, paused payouts), not an error.
/// </summary>
public sealed class GateFunctions(CoaSeedSync chart, GateRunner runner, ILogger<GateFunctions> logger)
{
    /// <summary>
    /// NCRONTAB, every 15 minutes: host/'s <c>Gates:IntervalMinutes</c> default. A literal, not an app setting,
    /// so that a deployment that forgets the setting still reconciles.
    /// </summary>
    public const string Schedule = "0 */15 * * * *";

    /// <summary>What the stored run records as its trigger.</summary>
    public const string Trigger = "functions-timer";

    [Function(nameof(RunGates))]
    public async Task<GateRun> RunGates([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken ct)
    {
        // As host/'s schedule does before its first run: an empty database starts with the seed chart.
        await chart.SyncAsync(ct);
        var run = await runner.RunAsync(Trigger, ct);
        if (run.Passed)
            logger.LogInformation("Gate run {RunId} passed", run.RunId);
        else
            foreach (var gate in run.Gates.Where(g => !g.Passed))
                logger.LogError("Gate run {RunId}: {Gate} failed: {Details}", run.RunId, gate.Gate, string.Join("; ", gate.Details));
        return run;
    }
}
