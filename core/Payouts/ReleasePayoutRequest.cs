using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Payouts;

/// <summary>The payout saga's release step (design.md §7 step 4): the payout definitively failed.</summary>
/// <param name="Key">The step's idempotency key.</param>
/// <param name="PayoutId">The payout whose hold goes back to the wallet.</param>
/// <param name="Detail">Why (the provider's answer or the operator's evidence), for the transition; not part of the request's hash.</param>
/// <param name="ProviderReference">The provider's reference, when known, for the transition.</param>
public sealed record ReleasePayoutRequest(IdempotencyKey Key, string? PayoutId, string? Detail = null, string? ProviderReference = null);
