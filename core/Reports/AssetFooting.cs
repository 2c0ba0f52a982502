using System.Numerics;

namespace WalletFlow.Core.Reports;

/// <summary>One asset's trial-balance totals: the book foots when debits equal credits.</summary>
/// <param name="Asset">The ledger asset.</param>
/// <param name="Debit">Total of the debit column (mapped and unresolved balances).</param>
/// <param name="Credit">Total of the credit column.</param>
public sealed record AssetFooting(string Asset, BigInteger Debit, BigInteger Credit)
{
    /// <summary>True when debits equal credits: the asset's balances sum to zero.</summary>
    public bool Foots => Debit == Credit;
}
