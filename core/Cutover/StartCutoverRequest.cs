using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Cutover;

/// <summary>Start a cutover from a legacy balances file (POST /v1/cutovers, the CSV as the body).</summary>
/// <param name="Key">The upload's idempotency key: the cutover id is derived from it.</param>
/// <param name="File">The CSV text.</param>
/// <param name="Actor">Who uploads it (the authenticated principal).</param>
public sealed record StartCutoverRequest(IdempotencyKey Key, string? File, string? Actor);
