using System.Globalization;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Api;

/// <summary>One page of a wallet's transactions, newest first.</summary>
/// <param name="Data">The transactions.</param>
/// <param name="HasMore">True when older transactions follow.</param>
/// <param name="Next">Pass as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record WalletTransactionPage(IReadOnlyList<WalletTransactionResponse> Data, bool HasMore, string? Next)
{
    public static WalletTransactionPage From(WalletTransactions page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var next = page.Next?.ToString(CultureInfo.InvariantCulture);
        return new([.. page.Transactions.Select(WalletTransactionResponse.From)], next is not null, next);
    }
}
