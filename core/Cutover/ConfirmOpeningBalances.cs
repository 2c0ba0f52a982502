using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Cutover;

/// <summary>
/// Fan-in of step 3: the rows, not the batches' answers, decide (a batch re-run after a crash wrote its
/// rows again): every row posted or opened at zero records Posted; any row failed fails the step.
/// </summary>
public sealed class ConfirmOpeningBalances(ICutoverStore cutovers)
{
    /// <summary>Posted when every row is done, else the counts and the first failure.</summary>
    public async Task<CutoverStepResult> RunAsync(string cutoverId, CancellationToken cancellationToken)
    {
        var progress = await cutovers.ProgressAsync(cutoverId, 3, cancellationToken);
        var counts = $"{progress.Posted} posted, {progress.ZeroBalances} opened at zero, {progress.PostFailures} failed, of {progress.Rows}";
        if (progress.PostFailures > 0 || progress.Done != progress.Rows)
            return new CutoverStepResult(false, counts + (progress.Failures.Count > 0 ? $"; first: line {progress.Failures[0].Line} {progress.Failures[0].Reason}" : ""));
        await cutovers.RecordAsync(cutoverId, CutoverLifecycle.Transitions.Posted(counts), cancellationToken);
        return new CutoverStepResult(true, counts);
    }
}
