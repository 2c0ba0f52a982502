using System.Numerics;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Core.Gates;

/// <summary>
/// Gate 2, holds match (design.md §8): one to one between walletflow.holds and the
/// <c>wallets:{walletId}:holds:{holdId}</c> accounts. An open hold's account holds exactly amount +
/// fee in the hold's currency; a settled or released hold's account is zero; a holds account with
/// no row is an orphan. A failure names the hold and the account.
/// </summary>
public sealed class HoldsMatchGate : IReconciliationGate
{
    /// <inheritdoc />
    public string Name => GateNames.HoldsMatch;

    /// <inheritdoc />
    public GateResult Check(GateEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var ledger = new Dictionary<string, List<(string Asset, BigInteger Balance)>>(StringComparer.Ordinal);
        foreach (var balance in evidence.Balances.Where(IsHoldAccount))
        {
            if (!ledger.TryGetValue(balance.Address.Value, out var assets))
                ledger[balance.Address.Value] = assets = [];
            assets.Add((balance.Asset, balance.Balance));
        }

        var details = new List<string>();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hold in evidence.Holds.OrderBy(h => h.HoldId, StringComparer.Ordinal))
        {
            var account = $"{AddressSegments.Wallets}:{hold.WalletId}:{AddressSegments.Holds}:{hold.HoldId}";
            rows.Add(account);
            var held = ledger.GetValueOrDefault(account) ?? [];
            if (!hold.IsOpen)
            {
                foreach (var (asset, balance) in held.Where(h => !h.Balance.IsZero))
                    details.Add($"hold {hold.HoldId} (wallet {hold.WalletId}) is closed but {account} still holds {balance} {asset}, expected 0");
                continue;
            }
            var currency = Currency.Find(hold.Currency);
            if (!currency.IsSuccess)
            {
                details.Add($"hold {hold.HoldId} (wallet {hold.WalletId}) has unknown currency '{hold.Currency}'");
                continue;
            }
            var expectedAsset = LedgerAsset.For(currency.Value).ToString();
            var expected = new BigInteger(hold.Amount) + hold.Fee;
            var actual = held.Where(h => h.Asset == expectedAsset).Aggregate(BigInteger.Zero, (sum, h) => sum + h.Balance);
            if (actual != expected)
                details.Add($"hold {hold.HoldId} (wallet {hold.WalletId}) is open for {expected} {expectedAsset} (amount {hold.Amount} + fee {hold.Fee}) but {account} holds {actual}");
            foreach (var (asset, balance) in held.Where(h => h.Asset != expectedAsset && !h.Balance.IsZero))
                details.Add($"hold {hold.HoldId} (wallet {hold.WalletId}) is in {expectedAsset} but {account} also holds {balance} {asset}");
        }
        foreach (var (account, held) in ledger.Where(kv => !rows.Contains(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            details.Add($"{account} holds {string.Join(", ", held.Select(h => $"{h.Balance} {h.Asset}"))} but walletflow.holds has no row for it");
        return GateResult.From(Name, details);
    }

    private static bool IsHoldAccount(Coa.AccountBalance balance) => AccountKinds.Of(AccountKind.WalletHold).Matches(balance.Address);
}
