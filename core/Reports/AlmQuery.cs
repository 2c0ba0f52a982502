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
        var byAsset = new SortedDictionary<string, Dictionary<AccountKind, BigInteger>>(StringComparer.Ordinal);
        await foreach (var balance in ledger.ListBalancesAsync("", cancellationToken).ConfigureAwait(false))
        {
            // An address that fits no kind is not customer money or cover; the COA coverage gate reports it.
            var classified = AccountClassifier.Classify(balance.Address);
            if (!classified.IsSuccess || Side(AccountKinds.Of(classified.Value.Kind).Alm) is not { } side)
                continue;
            if (!byAsset.TryGetValue(balance.Asset, out var sums))
                byAsset[balance.Asset] = sums = [];
            sums[classified.Value.Kind] = sums.GetValueOrDefault(classified.Value.Kind) + SignRules.NaturalBalance(side, balance.Balance);
        }
        return [.. byAsset.Select(kv =>
        {
            BigInteger Sum(AccountKind kind) => kv.Value.GetValueOrDefault(kind);
            return new AlmPosition(kv.Key, kv.Key.Split('/')[0],
                Sum(AccountKind.WalletMain), Sum(AccountKind.WalletHold), Sum(AccountKind.WalletReserve),
                Sum(AccountKind.Bank), Sum(AccountKind.Pool), Sum(AccountKind.Custody), Sum(AccountKind.PayoutClearing));
        })];
    }

    // Customer funds are read on the credit side, cover on the debit side (clearing included: money
    // sent to a provider is netted out of the cash still at the bank until it settles).
    private static NormalBalance? Side(AlmSide alm) => alm switch
    {
        AlmSide.CustomerFunds => NormalBalance.Credit,
        AlmSide.Cover => NormalBalance.Debit,
        _ => null,
    };
}
