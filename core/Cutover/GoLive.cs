using WalletFlow.Core.Flags;
using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Cutover;

/// <summary>Step 5: <see cref="FeatureFlagNames.CutoverLive"/> on, only after posting, the gates and the reconciliation all passed.</summary>
public sealed class GoLive(ICutoverStore cutovers, IFeatureFlags flags)
{
    /// <summary>Sets the flag and records Live; refuses a cutover that is not reconciled.</summary>
    public async Task<CutoverStepResult> RunAsync(string cutoverId, string actor, CancellationToken cancellationToken)
    {
        var cutover = await cutovers.FindAsync(cutoverId, cancellationToken)
            ?? throw new InvalidOperationException($"Cutover {cutoverId} has no row: its workflow was started without it.");
        // The live flag follows a reconciled cutover only: a status that says otherwise is a bug upstream, never a go.
        if (cutover.Status is not (CutoverStatus.Reconciled or CutoverStatus.Live))
            return new CutoverStepResult(false, $"cutover is {cutover.Status}, not Reconciled");
        await flags.SetAsync(FeatureFlagNames.CutoverLive, enabled: true, $"cutover {cutoverId} reconciled", actor, cancellationToken);
        await cutovers.RecordAsync(cutoverId, CutoverLifecycle.Transitions.Live(), cancellationToken);
        return new CutoverStepResult(true, "cutover_live on");
    }
}
