using System.Numerics;
using WalletFlow.Core.Coa;

namespace WalletFlow.Core.Reports;

/// <summary>A trial balance (design.md §8) with the point it was taken at and the chart version that grouped it.</summary>
/// <param name="AsOf">The past point asked for, or null for now.</param>
/// <param name="PointInTime">The ledger date the balances are taken at, or null for now.</param>
/// <param name="CoaVersion">The chart-of-accounts version used.</param>
/// <param name="Balance">The lines per asset and GL code, and the balances no entry covers.</param>
public sealed record TrialBalanceReport(LedgerPoint? AsOf, DateTimeOffset? PointInTime, int CoaVersion, TrialBalance Balance)
{
    /// <summary>Per asset, the debit and credit totals (unresolved balances included) and whether they agree.</summary>
    public IReadOnlyList<AssetFooting> Footings =>
    [
        .. Balance.Assets.Select(asset =>
        {
            var lines = Balance.Lines.Where(l => l.Asset == asset).ToList();
            var unresolved = Balance.Unresolved.Where(u => u.Balance.Asset == asset).Select(u => SignRules.Columns(u.Balance.Balance)).ToList();
            return new AssetFooting(
                asset,
                lines.Aggregate(BigInteger.Zero, (sum, l) => sum + l.Debit) + unresolved.Aggregate(BigInteger.Zero, (sum, c) => sum + c.Debit),
                lines.Aggregate(BigInteger.Zero, (sum, l) => sum + l.Credit) + unresolved.Aggregate(BigInteger.Zero, (sum, c) => sum + c.Credit));
        }),
    ];

    /// <summary>True when every asset foots.</summary>
    public bool Foots => Footings.All(f => f.Foots);
}
