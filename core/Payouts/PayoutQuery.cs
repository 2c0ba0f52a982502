namespace WalletFlow.Core.Payouts;

/// <summary>One requery of a payout.</summary>
/// <param name="PayoutId">The payout.</param>
/// <param name="ProviderId">Its provider.</param>
/// <param name="Attempt">1-based requery number (its transition is <see cref="PayoutLifecycle.Requery"/> of it, and carries it as the count).</param>
public sealed record PayoutQuery(string PayoutId, string ProviderId, int Attempt);
