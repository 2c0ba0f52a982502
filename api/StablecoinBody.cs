using WalletFlow.Core.Movements;
using WalletFlow.Core.Stablecoins;

namespace WalletFlow.Api;

/// <summary>POST /v1/stablecoin/mints and /burns.</summary>
/// <param name="WalletId">The wallet.</param>
/// <param name="Network">The custody network.</param>
/// <param name="Amount">Major units.</param>
/// <param name="Currency">USDT or USDC.</param>
/// <param name="ExternalRef">Optional chain reference.</param>
public sealed record StablecoinBody(string? WalletId, string? Network, string? Amount, string? Currency, string? ExternalRef = null)
{
    /// <summary>The mint's request under the command's key.</summary>
    public MintStablecoinRequest ToMintRequest(IdempotencyKey key) => new(key, WalletId, Network, Amount, Currency, ExternalRef);

    /// <summary>The burn's request under the command's key.</summary>
    public BurnStablecoinRequest ToBurnRequest(IdempotencyKey key) => new(key, WalletId, Network, Amount, Currency, ExternalRef);
}
