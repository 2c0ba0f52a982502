namespace WalletFlow.Core.Coa;

/// <summary>
/// The side an account's balance normally sits on. With the ledger's sign convention
/// (balance = received − sent, design.md §3) credit-normal accounts carry positive balances and
/// debit-normal accounts carry negative ones.
/// </summary>
public enum NormalBalance
{
    /// <summary>Assets and expenses: ledger balance normally ≤ 0.</summary>
    Debit,

    /// <summary>Liabilities, equity and revenue: ledger balance normally ≥ 0.</summary>
    Credit,
}
