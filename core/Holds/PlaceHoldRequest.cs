using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Holds;

/// <summary>Reserve part of a wallet's balance in a generic hold (POST /v1/holds).</summary>
/// <param name="Key">The command's idempotency key.</param>
/// <param name="WalletId">The wallet whose available balance is held.</param>
/// <param name="Amount">Major units, as text.</param>
/// <param name="Currency">The currency code (the wallet's).</param>
/// <param name="HoldId">The hold's id; absent, one is derived from the key.</param>
public sealed record PlaceHoldRequest(IdempotencyKey Key, string? WalletId, string? Amount, string? Currency, string? HoldId = null);
