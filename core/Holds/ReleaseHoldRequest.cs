using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Holds;

/// <summary>Give a generic hold back to its wallet (POST /v1/holds/{holdId}/release).</summary>
/// <param name="Key">The command's idempotency key.</param>
/// <param name="HoldId">The open generic hold.</param>
public sealed record ReleaseHoldRequest(IdempotencyKey Key, string? HoldId);
