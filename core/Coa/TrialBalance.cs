using System.Numerics;

namespace WalletFlow.Core.Coa;

/// <summary>
/// Ledger balances grouped by asset and GL code, with debit and credit columns (design.md §8). The
/// books foot when, per asset, debits equal credits (the balances sum to zero). Balances whose address
/// no single COA entry covers are listed in <see cref="Unresolved"/>, never silently dropped: they
/// count in the footing, under no GL code.
/// </summary>
/// <param name="Lines">Per asset and GL code, ordered by asset then GL code.</param>
/// <param name="Unresolved">Balances of unmapped or ambiguous addresses, with the reason.</param>
public sealed record TrialBalance(IReadOnlyList<TrialBalanceLine> Lines, IReadOnlyList<(AccountBalance Balance, string Reason)> Unresolved)
{
    /// <summary>Builds the trial balance of <paramref name="balances"/> under <paramref name="chart"/>.</summary>
    public static TrialBalance Compute(ChartOfAccounts chart, IEnumerable<AccountBalance> balances)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(balances);
        var totals = new SortedDictionary<(string Asset, string Gl), (string Name, BigInteger Debit, BigInteger Credit)>();
        var unresolved = new List<(AccountBalance, string)>();
        foreach (var balance in balances)
        {
            var entry = chart.Resolve(balance.Address);
            if (!entry.IsSuccess)
            {
                unresolved.Add((balance, entry.Error.Message));
                continue;
            }
            var (debit, credit) = SignRules.Columns(balance.Balance);
            var key = (balance.Asset, entry.Value.GlCode);
            var current = totals.TryGetValue(key, out var t) ? t : (entry.Value.Name, BigInteger.Zero, BigInteger.Zero);
            totals[key] = (current.Name, current.Item2 + debit, current.Item3 + credit);
        }
        return new TrialBalance(
            [.. totals.Select(kv => new TrialBalanceLine(kv.Key.Asset, kv.Key.Gl, kv.Value.Name, kv.Value.Debit, kv.Value.Credit))],
            unresolved);
    }

    /// <summary>Every asset present.</summary>
    public IReadOnlyList<string> Assets =>
        [.. Lines.Select(l => l.Asset).Concat(Unresolved.Select(u => u.Balance.Asset)).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Sum of all balances of an asset (mapped and unresolved): zero when the book foots.</summary>
    public BigInteger Imbalance(string asset) =>
        Lines.Where(l => l.Asset == asset).Aggregate(BigInteger.Zero, (sum, l) => sum + l.Net) +
        Unresolved.Where(u => u.Balance.Asset == asset).Aggregate(BigInteger.Zero, (sum, u) => sum + u.Balance.Balance);

    /// <summary>True when every asset's balances sum to zero.</summary>
    public bool Foots => Assets.All(a => Imbalance(a).IsZero);
}
