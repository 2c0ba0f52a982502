using System.Numerics;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Reports;

/// <summary>The ALM view: per currency, customer liabilities against the assets that cover them.</summary>
public sealed class AlmQuery(ILedger ledger)
{
    /// <summary>One position per asset present in the ledger, ordered by asset.</summary>
    public async Task<IReadOnlyList<AlmPosition>> RunAsync(CancellationToken cancellationToken)
    {
        var byAsset = new SortedDictionary<string, BigInteger[]>(StringComparer.Ordinal);
        await foreach (var balance in ledger.ListBalancesAsync("", cancellationToken).ConfigureAwait(false))
        {
            var slot = Slot(balance);
            if (slot is null)
                continue;
            if (!byAsset.TryGetValue(balance.Asset, out var sums))
                byAsset[balance.Asset] = sums = new BigInteger[7];
            // Liabilities are credit-normal, assets debit-normal: both reported on their normal side.
            sums[slot.Value] += slot.Value < 3
                ? SignRules.NaturalBalance(NormalBalance.Credit, balance.Balance)
                : SignRules.NaturalBalance(NormalBalance.Debit, balance.Balance);
        }
        return [.. byAsset.Select(kv => new AlmPosition(kv.Key, kv.Key.Split('/')[0],
            kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3], kv.Value[4], kv.Value[5], kv.Value[6]))];
    }

    private static int? Slot(AccountBalance balance)
    {
        var classified = AccountClassifier.Classify(balance.Address);
        if (!classified.IsSuccess)
            return null; // the COA coverage gate reports it
        return classified.Value.Kind switch
        {
            AccountKind.WalletMain => 0,
            AccountKind.WalletHold => 1,
            AccountKind.WalletReserve => 2,
            AccountKind.Bank => 3,
            AccountKind.Pool => 4,
            AccountKind.Custody => 5,
            AccountKind.PayoutClearing => 6,
            _ => null,
        };
    }
}
