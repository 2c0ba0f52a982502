using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Payouts;

/// <summary>The payout saga's settle step (design.md §7 step 4): the provider confirmed the payout.</summary>
/// <param name="Key">The step's idempotency key.</param>
/// <param name="PayoutId">The payout whose hold is settled.</param>
/// <param name="ProviderId">The provider that paid: the amount goes to <c>clearing:payouts:{providerId}</c>.</param>
/// <param name="Detail">Why (the provider's answer or the operator's evidence), for the transition; not part of the request's hash.</param>
/// <param name="ProviderReference">The provider's reference, when known, for the transition.</param>
public sealed record SettlePayoutRequest(IdempotencyKey Key, string? PayoutId, string? ProviderId, string? Detail = null, string? ProviderReference = null);
