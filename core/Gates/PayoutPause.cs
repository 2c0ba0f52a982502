using WalletFlow.Core.Flags;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Gates;

/// <summary>
/// The payouts pause a failed gate sets (<see cref="FeatureFlagNames.PayoutsPaused"/>): its state, and
/// the operator's acknowledgement that clears it. The next failing run sets it again.
/// </summary>
public sealed class PayoutPause(IFeatureFlags flags)
{
    /// <summary>The flag as it stands.</summary>
    public Task<FeatureFlag> GetAsync(CancellationToken cancellationToken) =>
        flags.GetAsync(FeatureFlagNames.PayoutsPaused, cancellationToken);

    /// <summary>The rejection a new payout gets while payouts are paused (HTTP 409 <c>payouts_paused</c>), or null when they may start.</summary>
    public async Task<PayoutsPaused?> CheckAsync(CancellationToken cancellationToken)
    {
        var flag = await GetAsync(cancellationToken).ConfigureAwait(false);
        return flag.Enabled ? new PayoutsPaused(flag.Reason ?? "", flag.UpdatedBy ?? "", flag.UpdatedAt ?? DateTimeOffset.MinValue) : null;
    }

    /// <summary>Clears the pause, recording who and why; a blank actor or reason is an <see cref="InvalidRequest"/>.</summary>
    public async Task<Result<FeatureFlag>> AcknowledgeAsync(string? actor, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(actor))
            return Result.Failure<FeatureFlag>(InvalidRequest.For("actor", "is required: who acknowledges the failed gate"));
        if (string.IsNullOrWhiteSpace(reason))
            return Result.Failure<FeatureFlag>(InvalidRequest.For("reason", "is required: why payouts may start again"));
        return await flags.SetAsync(FeatureFlagNames.PayoutsPaused, enabled: false, reason.Trim(), actor.Trim(), cancellationToken).ConfigureAwait(false);
    }
}
