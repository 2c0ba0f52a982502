using System.Numerics;
using WalletFlow.Core.Accounts;

namespace WalletFlow.Core.Gates;

/// <summary>
/// Gate 3, statements match (design.md §8): walletflow.statement_balances equals the ledger balance
/// of every wallet account (<c>wallets:…</c>) and asset. A missing row counts as zero; a failure
/// names the account, the asset, the wallet and both numbers.
/// </summary>
public sealed class StatementsMatchGate : IReconciliationGate
{
    /// <inheritdoc />
    public string Name => GateNames.StatementsMatch;

    /// <inheritdoc />
    public GateResult Check(GateEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var ledger = new SortedDictionary<(string Account, string Asset), BigInteger>();
        foreach (var balance in evidence.Balances.Where(b => b.Address.Value.StartsWith(AddressSegments.Wallets + ":", StringComparison.Ordinal)))
            ledger[(balance.Address.Value, balance.Asset)] = ledger.GetValueOrDefault((balance.Address.Value, balance.Asset)) + balance.Balance;
        var statements = evidence.Statements.ToDictionary(s => (s.Account, s.Asset));

        var details = new List<string>();
        foreach (var key in ledger.Keys.Union(statements.Keys).Order())
        {
            var onLedger = ledger.GetValueOrDefault(key);
            if (statements.TryGetValue(key, out var row))
            {
                if (row.Balance != onLedger)
                    details.Add($"{key.Account} {key.Asset} (wallet {row.WalletId}): statements say {row.Balance}, the ledger {onLedger}");
            }
            else if (!onLedger.IsZero)
            {
                details.Add($"{key.Account} {key.Asset}: the ledger has {onLedger}, walletflow.statement_balances has no row");
            }
        }
        return GateResult.From(Name, details);
    }
}
