using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Flags;

/// <summary>
/// An operator turns a feature flag on or off by hand, saying why (design.md §9): only a flag walletflow
/// knows (<see cref="FeatureFlagNames.All"/>), only with a reason and an actor; the change is recorded
/// with both (<see cref="IFeatureFlags.SetAsync"/> keeps the history).
/// </summary>
public sealed class SetFeatureFlag(IFeatureFlags flags)
{
    /// <summary>The longest reason kept.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The flag as set, or an <see cref="InvalidRequest"/> naming the field at fault.</summary>
    public async Task<Result<FeatureFlag>> RunAsync(string? name, bool enabled, string? reason, string? actor, CancellationToken cancellationToken)
    {
        if (name is null || !FeatureFlagNames.All.Contains(name, StringComparer.Ordinal))
            return InvalidRequest.For("name", $"is not a feature flag; one of {string.Join(", ", FeatureFlagNames.All)}");
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength)
            return InvalidRequest.For("reason", $"is required (1-{MaxReasonLength} characters): why the flag changes");
        if (string.IsNullOrWhiteSpace(actor))
            return InvalidRequest.For("actor", "is required: who changes the flag");
        return await flags.SetAsync(name, enabled, reason.Trim(), actor, cancellationToken).ConfigureAwait(false);
    }
}
