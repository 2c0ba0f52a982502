namespace WalletFlow.Core.Reserves;

/// <summary>How one tranche's release step ended.</summary>
public enum TrancheReleaseOutcome
{
    /// <summary>This step released it (or replayed its own release).</summary>
    Released,

    /// <summary>Someone released it before: nothing moved now.</summary>
    AlreadyReleased,

    /// <summary>The release was refused (not matured, wallet not active…): it stays in the reserve.</summary>
    Refused,
}
