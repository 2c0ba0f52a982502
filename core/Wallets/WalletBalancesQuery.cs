using System.Numerics;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Wallets;

/// <summary>
/// A wallet's balances, derived from the ledger on every read (none is stored): every account the
/// ledger has under the wallet, classified by <see cref="AccountClassifier"/> against
/// <see cref="AccountKinds"/>, read on its kind's normal side, and summed into the balance its kind
/// feeds. Only the wallet's own currency counts.
/// </summary>
public sealed class WalletBalancesQuery(IWalletStore wallets, ILedger ledger)
{
    /// <summary>Which balance each wallet account kind feeds (design.md §10: available, held, reserve).</summary>
    private enum Balance { Available, Held, Reserve }

    private static readonly Dictionary<AccountKind, Balance> Feeds = new()
    {
        [AccountKind.WalletMain] = Balance.Available,
        [AccountKind.WalletHold] = Balance.Held,
        [AccountKind.WalletReserve] = Balance.Reserve,
    };

    static WalletBalancesQuery()
    {
        // A wallet account kind added to the table without saying which balance it is part of would
        // silently drop out of every wallet read: refuse to run instead.
        var unplaced = AccountKinds.All.Where(d => d.CarriesWalletId && !Feeds.ContainsKey(d.Kind)).Select(d => d.Kind).ToList();
        if (unplaced.Count > 0)
            throw new InvalidOperationException($"WalletBalancesQuery: no balance for the wallet account kind(s) {string.Join(", ", unplaced)}.");
    }

    /// <summary>The wallet with its balances, or <see cref="NotFound"/> (field <c>walletId</c>) when there is no such wallet.</summary>
    public async Task<Result<WalletWithBalances>> RunAsync(string walletId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(walletId);
        var wallet = await wallets.FindAsync(walletId, cancellationToken).ConfigureAwait(false);
        if (wallet is null)
            return new NotFound("wallet", walletId) { Field = "walletId" };
        return new WalletWithBalances(wallet, await BalancesAsync(wallet, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The balances of a wallet the caller already has.</summary>
    public async Task<WalletBalances> BalancesAsync(Wallet wallet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        var asset = wallet.Currency.LedgerAsset.ToString();
        var sums = new Dictionary<Balance, BigInteger>();
        await foreach (var balance in ledger.ListBalancesAsync(AccountsPrefix(wallet.WalletId), cancellationToken).ConfigureAwait(false))
        {
            // Whose account it is and which balance it feeds is the classifier's answer, not the address text.
            if (balance.Asset != asset || !AccountClassifier.Classify(balance.Address).TryGetValue(out var account, out _)
                || account.WalletId != wallet.WalletId || !Feeds.TryGetValue(account.Kind, out var feeds))
                continue;
            sums[feeds] = sums.GetValueOrDefault(feeds) + SignRules.NaturalBalance(AccountKinds.Of(account.Kind).NormalSide, balance.Balance);
        }
        return new WalletBalances(Sum(Balance.Available), Sum(Balance.Held), Sum(Balance.Reserve));

        Money Sum(Balance which) => new(wallet.Currency, checked((long)sums.GetValueOrDefault(which)));
    }

    /// <summary>
    /// The segments every account of the wallet starts with: the family of the wallet kinds in
    /// <see cref="AccountKinds"/> and the wallet id (the ledger lists balances by whole-segment prefix).
    /// </summary>
    internal static string AccountsPrefix(string walletId) => $"{AccountKinds.Of(AccountKind.WalletMain).Family}:{walletId}";
}
