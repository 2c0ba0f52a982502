using Microsoft.DurableTask;
using WalletFlow.Core.Reserves;

namespace WalletFlow.Orchestrations.Reserves;

/// <summary>
/// One tick of the reserve maturity timer (design.md §6, rolling reserve): find the tranches due at the
/// tick (a bounded batch), release each in its own step (fan-out), count what happened (fan-in).
/// A release is keyed by its tranche (<see cref="ReserveMaturity.TrancheKey"/>), so a retried step, a
/// re-run of the tick or a release by hand in between moves each tranche once. What the batch leaves
/// waits for the next tick. Deterministic: the tick comes in the input, every side effect is an activity;
/// instance id = <see cref="ReserveMaturity.InstanceId"/> of the tick.
/// </summary>
public sealed class ReserveMaturityRun : TaskOrchestrator<ReserveMaturityInput, ReserveMaturityResult>
{
    // Infrastructure failures inside a step (database restart, network) are retried; a step is idempotent by its key.
    private static readonly TaskOptions StepRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    public override async Task<ReserveMaturityResult> RunAsync(TaskOrchestrationContext context, ReserveMaturityInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        var due = await context.CallActivityAsync<IReadOnlyList<string>>(
            ReserveMaturity.FindDue, new DueReserveTranches(input.AsOf, input.BatchSize), StepRetry);
        var releases = await Task.WhenAll(due.Select(trancheId =>
            context.CallActivityAsync<TrancheRelease>(ReserveMaturity.Release, trancheId, StepRetry)));

        var refused = releases.Where(r => r.Outcome == TrancheReleaseOutcome.Refused).ToList();
        return new ReserveMaturityResult(
            due.Count,
            releases.Count(r => r.Outcome == TrancheReleaseOutcome.Released),
            releases.Count(r => r.Outcome == TrancheReleaseOutcome.AlreadyReleased),
            refused.Count,
            [.. refused.Select(r => $"{r.TrancheId}: {r.Detail}")]);
    }
}
