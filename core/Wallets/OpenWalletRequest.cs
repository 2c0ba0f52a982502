namespace WalletFlow.Core.Wallets;

/// <summary>Open a wallet (POST /v1/wallets).</summary>
/// <param name="WalletId">The id to use; one is generated when absent.</param>
/// <param name="OwnerId">The owner.</param>
/// <param name="Currency">The wallet's currency.</param>
public sealed record OpenWalletRequest(string? WalletId, string? OwnerId, string? Currency);
