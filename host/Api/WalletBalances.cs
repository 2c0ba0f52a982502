using WalletFlow.Api;

namespace WalletFlow.Host.Api;

/// <summary>A wallet's three balances, each from its ledger accounts.</summary>
/// <param name="Available">wallets:{id}:main: what the customer can spend.</param>
/// <param name="Held">The sum of wallets:{id}:holds:*: reserved for open holds and payouts.</param>
/// <param name="Reserve">wallets:{id}:reserve: the rolling reserve.</param>
public sealed record WalletBalances(ApiMoney Available, ApiMoney Held, ApiMoney Reserve);
