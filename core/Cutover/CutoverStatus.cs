namespace WalletFlow.Core.Cutover;

/// <summary>Where a cutover stands (<see cref="CutoverLifecycle"/> says which may follow which).</summary>
public enum CutoverStatus
{
    /// <summary>The file was valid; its rows are stored and the workflow is starting.</summary>
    Accepted,
    /// <summary>Legacy writes are frozen (<c>legacy_frozen</c> on).</summary>
    Frozen,
    /// <summary>Every wallet is open and every non-zero opening balance posted.</summary>
    Posted,
    /// <summary>The four gates passed after posting.</summary>
    GatesPassed,
    /// <summary>File totals equal ledger totals per currency, and every wallet its own file balance.</summary>
    Reconciled,
    /// <summary><c>cutover_live</c> on: walletflow is the book of record.</summary>
    Live,
    /// <summary>A step failed; the live flag was not set. Legacy stays frozen until an operator rolls back.</summary>
    Failed,
    /// <summary>An operator asked for the rollback; opening balances are being reversed.</summary>
    RollingBack,
    /// <summary>Every opening balance of the cutover reversed, books foot, flags restored.</summary>
    RolledBack,
    /// <summary>The rollback could not reverse every opening balance (or the books did not foot); it may be asked for again.</summary>
    RollbackFailed,
}
