using WalletFlow.Core.Wallets;

namespace WalletFlow.Api;

/// <summary>A wallet and its balances, derived from the ledger at the time of the request.</summary>
/// <param name="WalletId">The id.</param>
/// <param name="OwnerId">The owner.</param>
/// <param name="Currency">Its one currency.</param>
/// <param name="Status">active, frozen or closed.</param>
/// <param name="CreatedAt">When it was opened (UTC).</param>
/// <param name="Balances">available (wallets:{id}:main), held (the sum of wallets:{id}:holds:*), reserve (wallets:{id}:reserve).</param>
public sealed record WalletResponse(string WalletId, string OwnerId, string Currency, string Status, string CreatedAt, WalletBalancesResponse Balances)
{
    public static WalletResponse From(WalletWithBalances read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var wallet = read.Wallet;
        return new(wallet.WalletId, wallet.OwnerId, wallet.Currency.Code, wallet.Status.ToString().ToLowerInvariant(),
            MovementResponse.Timestamp(wallet.CreatedAt), WalletBalancesResponse.From(read.Balances));
    }
}
