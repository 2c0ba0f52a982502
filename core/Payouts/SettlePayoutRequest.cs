using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Payouts;

/// <summary>The payout saga's settle step (design.md §7 step 4): the provider confirmed the payout.</summary>
/// <param name="Key">The step's idempotency key.</param>
/// <param name="PayoutId">The payout whose hold is settled.</param>
/// <param name="ProviderId">The provider that paid: the amount goes to <c>clearing:payouts:{providerId}</c>.</param>
public sealed record SettlePayoutRequest(IdempotencyKey Key, string? PayoutId, string? ProviderId);
