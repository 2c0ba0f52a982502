using WalletFlow.Core.Flags;

namespace WalletFlow.Core.Ports;

/// <summary>Feature flags (walletflow.feature_flags in PostgreSQL); every change is kept with its reason and actor.</summary>
public interface IFeatureFlags
{
    /// <summary>The flag's state; a flag never set is off (<see cref="FeatureFlag.Unset"/>).</summary>
    Task<FeatureFlag> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>Turns a flag on or off, recording why and who, and returns its new state.</summary>
    Task<FeatureFlag> SetAsync(string name, bool enabled, string reason, string actor, CancellationToken cancellationToken);
}
