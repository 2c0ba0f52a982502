using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Holds;

/// <summary>Pay a generic hold to a counterparty (POST /v1/holds/{holdId}/settle).</summary>
/// <param name="Key">The command's idempotency key.</param>
/// <param name="HoldId">The open generic hold.</param>
/// <param name="CounterpartyId">Who is paid: <c>counterparties:{id}</c>.</param>
/// <param name="Amount">
/// Optional, major units. A hold settles in full: when given it must equal the held amount (a check
/// the caller can use to say "exactly this much"); to pay part, release the hold and place a new one.
/// </param>
public sealed record SettleHoldRequest(IdempotencyKey Key, string? HoldId, string? CounterpartyId, string? Amount = null);
