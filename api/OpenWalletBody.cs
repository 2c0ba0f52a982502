using WalletFlow.Core.Wallets;

namespace WalletFlow.Api;

/// <summary>POST /v1/wallets. Opening moves no money: the wallet id is the request's idempotency (send one to make a retry safe).</summary>
/// <param name="WalletId">The id to use (1–64 letters, digits, '_' or '-'); generated when absent.</param>
/// <param name="OwnerId">The owner.</param>
/// <param name="Currency">The wallet's one currency.</param>
public sealed record OpenWalletBody(string? WalletId, string? OwnerId, string? Currency)
{
    /// <summary>The use case's request.</summary>
    public OpenWalletRequest ToRequest() => new(WalletId, OwnerId, Currency);
}
