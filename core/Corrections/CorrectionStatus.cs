namespace WalletFlow.Core.Corrections;

/// <summary>A correction's state (design.md §7, maker/checker).</summary>
public enum CorrectionStatus
{
    /// <summary>Asked for by a maker; waits for a checker until it expires.</summary>
    PendingApproval,

    /// <summary>A checker approved it; its workflow posts it.</summary>
    Approved,

    /// <summary>A checker rejected it: nothing posted.</summary>
    Rejected,

    /// <summary>Nobody decided before its deadline: nothing posted.</summary>
    Expired,

    /// <summary>Approved and posted: its ledger transaction is recorded.</summary>
    Posted,

    /// <summary>Approved, but the ledger refused it (already reversed, would overdraw now): nothing posted.</summary>
    Refused,
}
