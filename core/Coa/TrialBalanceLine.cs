using System.Numerics;

namespace WalletFlow.Core.Coa;

/// <summary>One GL code's totals for one asset.</summary>
/// <param name="Asset">The ledger asset.</param>
/// <param name="GlCode">The GL code.</param>
/// <param name="Name">The GL name.</param>
/// <param name="Debit">Sum of debit-side (negative) balances, as a positive number.</param>
/// <param name="Credit">Sum of credit-side (positive) balances.</param>
public sealed record TrialBalanceLine(string Asset, string GlCode, string Name, BigInteger Debit, BigInteger Credit)
{
    /// <summary>Credit − debit: the net ledger balance of the GL code.</summary>
    public BigInteger Net => Credit - Debit;
}
