using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Pools;

/// <summary>Move value between two pools of one provider in different currencies (POST /v1/pools/transfers).</summary>
/// <param name="Key">The command's idempotency key.</param>
/// <param name="ProviderId">The provider holding both pools.</param>
/// <param name="SellAmount">Major units leaving <c>pools:{providerId}:{SellCurrency}</c>, as text.</param>
/// <param name="SellCurrency">The source pool's currency.</param>
/// <param name="BuyCurrency">The target pool's currency.</param>
/// <param name="Rate">Buy major units per one sell major unit, decimal text (the provider's rate).</param>
public sealed record PoolTransferRequest(IdempotencyKey Key, string? ProviderId, string? SellAmount, string? SellCurrency, string? BuyCurrency, string? Rate);
