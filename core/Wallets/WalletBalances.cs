using WalletFlow.Core.Monetary;

namespace WalletFlow.Core.Wallets;

/// <summary>A wallet's three balances (design.md §10), in its currency, as the ledger has them now.</summary>
/// <param name="Available">Its <see cref="Accounts.AccountKind.WalletMain"/> account: what the customer can spend.</param>
/// <param name="Held">Its <see cref="Accounts.AccountKind.WalletHold"/> accounts together: reserved for open holds and payouts.</param>
/// <param name="Reserve">Its <see cref="Accounts.AccountKind.WalletReserve"/> account: the rolling reserve.</param>
public sealed record WalletBalances(Money Available, Money Held, Money Reserve);
