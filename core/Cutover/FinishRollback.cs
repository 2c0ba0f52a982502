using WalletFlow.Core.Flags;
using WalletFlow.Core.Gates;
using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Cutover;

/// <summary>
/// Fan-in of the rollback: when every row is reversed (or had nothing to reverse) and the books foot,
/// the flags are restored (<c>cutover_live</c> off, <c>legacy_frozen</c> off) and the cutover is RolledBack.
/// Otherwise it is RollbackFailed with the reason, flags untouched, and may be asked for again.
/// </summary>
public sealed class FinishRollback(ICutoverStore cutovers, GateRunner gates, IFeatureFlags flags)
{
    /// <summary>RolledBack with the flags restored, or RollbackFailed with why.</summary>
    public async Task<CutoverStepResult> RunAsync(string cutoverId, string actor, CancellationToken cancellationToken)
    {
        var progress = await cutovers.ProgressAsync(cutoverId, 3, cancellationToken);
        var counts = $"{progress.Reversed} reversed, {progress.ReverseFailures} failed, of {progress.Rows}";
        if (progress.ReverseFailures > 0)
        {
            var first = progress.Failures.FirstOrDefault(f => f.Step == CutoverLifecycle.Reverse);
            var detail = counts + (first is null ? "" : $"; first: line {first.Line} {first.Reason}");
            await cutovers.RecordAsync(cutoverId, CutoverLifecycle.Transitions.RollbackFailed(detail), cancellationToken);
            return new CutoverStepResult(false, detail);
        }
        var run = await gates.RunAsync($"cutover-rollback:{cutoverId}", cancellationToken);
        var books = run.Gates.Single(g => g.Gate == GateNames.BooksFoot);
        if (!books.Passed)
        {
            var detail = $"{counts}; books do not foot (gate run {run.RunId}): {books.Details[0]}";
            await cutovers.RecordAsync(cutoverId, CutoverLifecycle.Transitions.RollbackFailed(detail), cancellationToken);
            return new CutoverStepResult(false, detail);
        }
        await flags.SetAsync(FeatureFlagNames.CutoverLive, enabled: false, $"cutover {cutoverId} rolled back", actor, cancellationToken);
        await flags.SetAsync(FeatureFlagNames.LegacyFrozen, enabled: false, $"cutover {cutoverId} rolled back", actor, cancellationToken);
        var done = $"{counts}; books foot (gate run {run.RunId}); legacy_frozen off, cutover_live off";
        await cutovers.RecordAsync(cutoverId, CutoverLifecycle.Transitions.RolledBack(done), cancellationToken);
        return new CutoverStepResult(true, done);
    }
}
