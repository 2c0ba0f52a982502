using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Reserves;

/// <summary>Release a wallet's matured rolling reserve (POST /v1/reserves/release, or the maturity timer).</summary>
/// <param name="Key">The command's idempotency key.</param>
/// <param name="WalletId">The wallet whose matured tranches go back to its available balance.</param>
public sealed record ReleaseReserveRequest(IdempotencyKey Key, string? WalletId);
