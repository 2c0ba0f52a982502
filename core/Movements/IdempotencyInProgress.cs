using WalletFlow.Core.Results;

namespace WalletFlow.Core.Movements;

/// <summary>A request with the same key is being processed right now: retry shortly (HTTP 409 with Retry-After).</summary>
/// <param name="Key">The key.</param>
public sealed record IdempotencyInProgress(string Key) : Rejection(
    RejectionCodes.IdempotencyInProgress,
    $"A request with Idempotency-Key '{Key}' is still in progress; retry in a moment to get its result.");
