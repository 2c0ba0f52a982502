namespace WalletFlow.Core.Flags;

/// <summary>Every feature flag walletflow reads, in one place.</summary>
public static class FeatureFlagNames
{
    /// <summary>
    /// On: new payouts are refused (<see cref="Results.RejectionCodes.PayoutsPaused"/>). Set by a
    /// failed books-foot or holds-match gate, cleared by an operator's acknowledgement.
    /// </summary>
    public const string PayoutsPaused = "payouts_paused";
}
