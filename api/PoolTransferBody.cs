using WalletFlow.Core.Movements;
using WalletFlow.Core.Pools;

namespace WalletFlow.Api;

/// <summary>POST /v1/pools/transfers: cross-currency move between one provider's pools.</summary>
/// <param name="ProviderId">The provider.</param>
/// <param name="SellAmount">Major units sent.</param>
/// <param name="SellCurrency">The source pool currency.</param>
/// <param name="BuyCurrency">The target pool currency.</param>
/// <param name="Rate">The rate, a decimal string.</param>
public sealed record PoolTransferBody(string? ProviderId, string? SellAmount, string? SellCurrency, string? BuyCurrency, string? Rate)
{
    /// <summary>The use case's request under the command's key.</summary>
    public PoolTransferRequest ToRequest(IdempotencyKey key) => new(key, ProviderId, SellAmount, SellCurrency, BuyCurrency, Rate);
}
