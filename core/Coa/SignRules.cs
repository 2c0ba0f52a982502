using System.Numerics;

namespace WalletFlow.Core.Coa;

/// <summary>
/// Normal-balance sign rules. The ledger balance is received − sent (design.md §3): a credit-normal
/// account in good standing is ≥ 0, a debit-normal one ≤ 0, and per asset all balances sum to zero.
/// </summary>
public static class SignRules
{
    /// <summary>
    /// The balance as an accountant reads it on the account's normal side: positive when the account
    /// sits where it should (a bank with cash, a wallet with funds), negative when it is on the wrong side.
    /// </summary>
    public static BigInteger NaturalBalance(NormalBalance normalBalance, BigInteger ledgerBalance) =>
        normalBalance == NormalBalance.Credit ? ledgerBalance : -ledgerBalance;

    /// <summary>The inverse of <see cref="NaturalBalance"/>.</summary>
    public static BigInteger LedgerBalance(NormalBalance normalBalance, BigInteger naturalBalance) =>
        normalBalance == NormalBalance.Credit ? naturalBalance : -naturalBalance;

    /// <summary>True when the balance is on its normal side or zero.</summary>
    public static bool IsOnNormalSide(NormalBalance normalBalance, BigInteger ledgerBalance) =>
        NaturalBalance(normalBalance, ledgerBalance) >= 0;

    /// <summary>Trial-balance columns for a ledger balance: a negative balance is a debit, a positive one a credit.</summary>
    public static (BigInteger Debit, BigInteger Credit) Columns(BigInteger ledgerBalance) =>
        ledgerBalance < 0 ? (-ledgerBalance, BigInteger.Zero) : (BigInteger.Zero, ledgerBalance);
}
