using System.Numerics;
using WalletFlow.Core.Coa;

namespace WalletFlow.Core.Gates;

/// <summary>
/// Gate 1, books foot (design.md §8): per asset the sum of every ledger balance is zero, and the
/// trial balance's debit column equals its credit column. A failure names the asset, its imbalance
/// and its trial-balance totals.
/// </summary>
public sealed class BooksFootGate : IReconciliationGate
{
    /// <inheritdoc />
    public string Name => GateNames.BooksFoot;

    /// <inheritdoc />
    public GateResult Check(GateEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var sums = new SortedDictionary<string, BigInteger>(StringComparer.Ordinal);
        foreach (var balance in evidence.Balances)
            sums[balance.Asset] = sums.GetValueOrDefault(balance.Asset) + balance.Balance;
        var trial = TrialBalance.Compute(evidence.Chart, evidence.Balances);
        var details = new List<string>();
        foreach (var (asset, sum) in sums)
        {
            var (debit, credit) = Totals(trial, asset);
            if (!sum.IsZero || debit != credit)
                details.Add($"{asset}: balances sum to {sum}, not 0; trial balance debits {debit}, credits {credit}");
        }
        return GateResult.From(Name, details);
    }

    private static (BigInteger Debit, BigInteger Credit) Totals(TrialBalance trial, string asset)
    {
        var (debit, credit) = (BigInteger.Zero, BigInteger.Zero);
        foreach (var line in trial.Lines.Where(l => l.Asset == asset))
            (debit, credit) = (debit + line.Debit, credit + line.Credit);
        foreach (var (balance, _) in trial.Unresolved.Where(u => u.Balance.Asset == asset))
        {
            var columns = SignRules.Columns(balance.Balance);
            (debit, credit) = (debit + columns.Debit, credit + columns.Credit);
        }
        return (debit, credit);
    }
}
