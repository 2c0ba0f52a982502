namespace WalletFlow.Core.Flags;

/// <summary>Every feature flag walletflow reads, in one place.</summary>
public static class FeatureFlagNames
{
    /// <summary>
    /// On: new payouts are refused (<see cref="Results.RejectionCodes.PayoutsPaused"/>). Set by a
    /// failed books-foot or holds-match gate, cleared by an operator's acknowledgement.
    /// </summary>
    public const string PayoutsPaused = "payouts_paused";

    /// <summary>
    /// On: the legacy system takes no more writes (it reads this flag); set by a cutover before it
    /// posts opening balances, cleared only by that cutover's rollback.
    /// </summary>
    public const string LegacyFrozen = "legacy_frozen";

    /// <summary>On: a cutover passed its gates and reconciliation and walletflow is the book of record; cleared by a rollback.</summary>
    public const string CutoverLive = "cutover_live";

    /// <summary>Every flag, in the order the console lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [PayoutsPaused, LegacyFrozen, CutoverLive];
}
