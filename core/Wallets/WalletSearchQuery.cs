using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Wallets;

/// <summary>
/// Wallets by the start of their id or their owner's, ordered by id, a page at a time, each with its
/// balances read from the ledger (<see cref="WalletBalancesQuery"/>): the /ops wallets screen.
/// </summary>
public sealed class WalletSearchQuery(IWalletStore wallets, WalletBalancesQuery balances)
{
    /// <summary>Wallets on one page.</summary>
    public const int PageSize = 25;

    /// <summary>One page: the wallets with their balances, and the id to pass back as <c>after</c> for the next (null on the last).</summary>
    public async Task<(IReadOnlyList<WalletWithBalances> Wallets, string? Next)> RunAsync(string? text, string? after, CancellationToken cancellationToken)
    {
        var found = await wallets.SearchAsync(string.IsNullOrWhiteSpace(text) ? null : text.Trim(), string.IsNullOrEmpty(after) ? null : after, PageSize + 1, cancellationToken)
            .ConfigureAwait(false);
        var page = new List<WalletWithBalances>();
        foreach (var wallet in found.Take(PageSize))
            page.Add(new WalletWithBalances(wallet, await balances.BalancesAsync(wallet, cancellationToken).ConfigureAwait(false)));
        return (page, found.Count > PageSize ? page[^1].Wallet.WalletId : null);
    }
}
