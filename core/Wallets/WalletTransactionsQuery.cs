using System.Globalization;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Wallets;

/// <summary>
/// The ledger transactions that touched a wallet's accounts (its main, holds and reserve), newest
/// first, a page at a time. The cursor is the last transaction id a page gave; the ledger rebuilds
/// the wallet's filter on every call, so no cursor can widen what is listed.
/// </summary>
public sealed class WalletTransactionsQuery(IWalletStore wallets, ILedger ledger)
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The largest page size a caller may ask for.</summary>
    public const int MaxPageSize = 100;

    /// <summary>
    /// A page, or a rejection: <see cref="NotFound"/> (field <c>walletId</c>) for no such wallet,
    /// <see cref="InvalidRequest"/> for a page size outside 1–<see cref="MaxPageSize"/> or a cursor this listing did not give.
    /// </summary>
    /// <param name="walletId">The wallet.</param>
    /// <param name="cursor">The <see cref="WalletTransactions.Next"/> of the previous page, as text; null for the newest.</param>
    /// <param name="pageSize">How many, as text; null for <see cref="DefaultPageSize"/>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<Result<WalletTransactions>> RunAsync(string walletId, string? cursor, string? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(walletId);
        var size = DefaultPageSize;
        if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
            return InvalidRequest.For(nameof(pageSize), $"A whole number from 1 to {MaxPageSize}.");
        long? before = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                return InvalidRequest.For(nameof(cursor), "Not a cursor from this listing: pass back `next` as it was given.");
            before = id;
        }
        var wallet = await wallets.FindAsync(walletId, cancellationToken).ConfigureAwait(false);
        if (wallet is null)
            return new NotFound("wallet", walletId) { Field = nameof(walletId) };

        var page = await ledger.ListTransactionsAsync(WalletBalancesQuery.AccountsPrefix(wallet.WalletId), size, before, cancellationToken).ConfigureAwait(false);
        var next = page.HasMore && page.Transactions.Count > 0 ? page.Transactions[^1].Id : (long?)null;
        return new WalletTransactions(page.Transactions, next);
    }
}
