using System.Numerics;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Cutover;

/// <summary>
/// Step 4b: the file's totals against the ledger's, per currency, to the minor unit, and every cutover
/// wallet's main balance against its own file balance (two wrong wallets can net to a right total).
/// The ledger's totals are kept with the cutover for the status endpoint.
/// </summary>
public sealed class ReconcileCutover(ICutoverStore cutovers, ILedger ledger)
{
    /// <summary>Reconciled when every total and every wallet agrees, else the differences.</summary>
    public async Task<CutoverStepResult> RunAsync(string cutoverId, CancellationToken cancellationToken)
    {
        var rows = await cutovers.RowsAsync(cutoverId, cancellationToken);
        var expected = rows.ToDictionary(r => AccountAddresses.WalletMain(r.WalletId).Value, StringComparer.Ordinal);
        var seen = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        await foreach (var balance in ledger.ListBalancesAsync(AddressSegments.Wallets + ":", cancellationToken))
        {
            if (expected.TryGetValue(balance.Address.Value, out var row) && balance.Asset == row.Balance.Currency.LedgerAsset.ToString())
                seen[balance.Address.Value] = balance.Balance;
        }

        var ledgerTotals = rows.GroupBy(r => r.Balance.Currency.Code, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CutoverCurrencyTotal(g.Key, g.Count(),
                g.Aggregate(BigInteger.Zero, (sum, r) => sum + seen.GetValueOrDefault(AccountAddresses.WalletMain(r.WalletId).Value))))
            .ToList();
        var fileTotals = Totals(rows);
        await cutovers.SaveLedgerTotalsAsync(cutoverId, ledgerTotals, cancellationToken);

        var wrongWallets = rows.Where(r => seen.GetValueOrDefault(AccountAddresses.WalletMain(r.WalletId).Value) != r.Balance.MinorUnits).ToList();
        var wrongTotals = fileTotals.Zip(ledgerTotals).Where(p => p.First.MinorUnits != p.Second.MinorUnits).ToList();
        var shown = string.Join(", ", fileTotals.Zip(ledgerTotals).Select(p => $"{p.First.Currency} file {p.First.MinorUnits} ledger {p.Second.MinorUnits}"));
        if (wrongWallets.Count > 0 || wrongTotals.Count > 0)
        {
            var first = wrongWallets.Count > 0
                ? $"; first wallet: {wrongWallets[0].WalletId} (line {wrongWallets[0].Line}) file {wrongWallets[0].Balance.MinorUnits} ledger {seen.GetValueOrDefault(AccountAddresses.WalletMain(wrongWallets[0].WalletId).Value)}"
                : "";
            return new CutoverStepResult(false, $"totals in minor units: {shown}; {wrongWallets.Count} wallet(s) differ from the file{first}");
        }
        var detail = $"totals in minor units equal: {shown}";
        await cutovers.RecordAsync(cutoverId, CutoverLifecycle.Transitions.Reconciled(detail), cancellationToken);
        return new CutoverStepResult(true, detail);
    }

    /// <summary>Wallets and balances per currency, in currency order.</summary>
    public static IReadOnlyList<CutoverCurrencyTotal> Totals(IEnumerable<CutoverRow> rows) =>
        [.. rows.GroupBy(r => r.Balance.Currency.Code, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CutoverCurrencyTotal(g.Key, g.Count(), g.Aggregate(BigInteger.Zero, (sum, r) => sum + r.Balance.MinorUnits)))];
}
