using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Reserves;

/// <summary>Release one matured reserve tranche (the maturity timer's step, <see cref="ReserveMaturity.TrancheKey"/>).</summary>
/// <param name="Key">The command's idempotency key.</param>
/// <param name="TrancheId">The tranche.</param>
public sealed record ReleaseReserveTrancheRequest(IdempotencyKey Key, string? TrancheId);
