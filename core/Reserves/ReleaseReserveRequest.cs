using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Reserves;

/// <summary>Release every matured tranche of a wallet's rolling reserve (POST /v1/reserves/release); the maturity timer releases tranche by tranche (<see cref="ReleaseReserveTrancheRequest"/>).</summary>
/// <param name="Key">The command's idempotency key.</param>
/// <param name="WalletId">The wallet whose matured tranches go back to its available balance.</param>
public sealed record ReleaseReserveRequest(IdempotencyKey Key, string? WalletId);
