using System.Numerics;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Movements;

/// <summary>
/// One wallet account's net change from one ledger transaction: what the statements read model adds
/// (design.md §8 gate 3 compares it with the ledger).
/// </summary>
/// <param name="WalletId">The wallet the account belongs to.</param>
/// <param name="Account">A <c>wallets:{id}:…</c> account.</param>
/// <param name="Asset">The ledger asset.</param>
/// <param name="Amount">Received − sent in this transaction.</param>
public sealed record StatementEntry(string WalletId, AccountAddress Account, string Asset, BigInteger Amount)
{
    /// <summary>The net change per wallet account and asset, in order of first appearance; zero nets are kept out.</summary>
    public static IReadOnlyList<StatementEntry> From(IEnumerable<Posting> postings)
    {
        ArgumentNullException.ThrowIfNull(postings);
        var order = new List<(string Account, string Asset)>();
        var net = new Dictionary<(string Account, string Asset), BigInteger>();
        void Add(AccountAddress account, string asset, BigInteger amount)
        {
            if (!account.Value.StartsWith(AddressSegments.Wallets + ":", StringComparison.Ordinal))
                return;
            var key = (account.Value, asset);
            if (!net.TryGetValue(key, out var sum))
                order.Add(key);
            net[key] = sum + amount;
        }
        foreach (var posting in postings)
        {
            Add(posting.Source, posting.Asset, -posting.Amount);
            Add(posting.Destination, posting.Asset, posting.Amount);
        }
        return order.Where(k => !net[k].IsZero)
            .Select(k => new StatementEntry(k.Account.Split(':')[1], new AccountAddress(k.Account), k.Asset, net[k]))
            .ToList();
    }
}
