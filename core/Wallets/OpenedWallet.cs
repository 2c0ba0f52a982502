namespace WalletFlow.Core.Wallets;

/// <summary>The outcome of opening a wallet.</summary>
/// <param name="Wallet">The wallet.</param>
/// <param name="Created">False when an identical wallet already existed under the id (an idempotent repeat).</param>
public sealed record OpenedWallet(Wallet Wallet, bool Created);
