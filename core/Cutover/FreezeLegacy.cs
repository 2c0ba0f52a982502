using WalletFlow.Core.Flags;
using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Cutover;

/// <summary>Step 2: legacy writes frozen (<see cref="FeatureFlagNames.LegacyFrozen"/>) before any opening balance posts, so no legacy balance moves after it was read.</summary>
public sealed class FreezeLegacy(ICutoverStore cutovers, IFeatureFlags flags)
{
    /// <summary>Sets the flag and records Frozen.</summary>
    public async Task<CutoverStepResult> RunAsync(string cutoverId, string actor, CancellationToken cancellationToken)
    {
        await flags.SetAsync(FeatureFlagNames.LegacyFrozen, enabled: true, $"cutover {cutoverId}", actor, cancellationToken);
        await cutovers.RecordAsync(cutoverId, CutoverLifecycle.Transitions.Frozen(), cancellationToken);
        return new CutoverStepResult(true, "legacy_frozen on");
    }
}
