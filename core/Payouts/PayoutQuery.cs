namespace WalletFlow.Core.Payouts;

/// <summary>One requery of a payout.</summary>
/// <param name="PayoutId">The payout.</param>
/// <param name="ProviderId">Its provider.</param>
/// <param name="Attempt">1-based requery number (its transition is step <c>requery-{Attempt}</c>).</param>
public sealed record PayoutQuery(string PayoutId, string ProviderId, int Attempt);
