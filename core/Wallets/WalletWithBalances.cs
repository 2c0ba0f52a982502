namespace WalletFlow.Core.Wallets;

/// <summary>A wallet and its balances, read together (GET /v1/wallets/{walletId}).</summary>
/// <param name="Wallet">The wallet.</param>
/// <param name="Balances">Its balances, derived from the ledger at the time of the read.</param>
public sealed record WalletWithBalances(Wallet Wallet, WalletBalances Balances);
