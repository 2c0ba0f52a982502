using WalletFlow.Core.Results;

namespace WalletFlow.Core.Movements;

/// <summary>The key was claimed by a different request: nothing was done (HTTP 409).</summary>
/// <param name="Key">The key.</param>
/// <param name="ClaimedBy">The operation that holds the claim.</param>
public sealed record IdempotencyConflict(string Key, string ClaimedBy) : Rejection(
    RejectionCodes.IdempotencyConflict,
    $"Idempotency-Key '{Key}' was already used for a different {ClaimedBy} request; use a new key for a new command.");
