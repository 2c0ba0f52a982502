using WalletFlow.Core.Wallets;

namespace WalletFlow.Api;

/// <summary>A wallet's three balances, each from its ledger accounts (<see cref="WalletBalancesQuery"/>).</summary>
/// <param name="Available">wallets:{id}:main: what the customer can spend.</param>
/// <param name="Held">The sum of wallets:{id}:holds:*: reserved for open holds and payouts.</param>
/// <param name="Reserve">wallets:{id}:reserve: the rolling reserve.</param>
public sealed record WalletBalancesResponse(ApiMoney Available, ApiMoney Held, ApiMoney Reserve)
{
    public static WalletBalancesResponse From(WalletBalances balances)
    {
        ArgumentNullException.ThrowIfNull(balances);
        return new(ApiMoney.From(balances.Available), ApiMoney.From(balances.Held), ApiMoney.From(balances.Reserve));
    }
}
