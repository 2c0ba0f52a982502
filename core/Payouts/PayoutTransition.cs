namespace WalletFlow.Core.Payouts;

/// <summary>One recorded state change of a payout, with the outbox event it publishes.</summary>
/// <param name="Step">The saga step that made it, unique per payout ("hold", "submit", "requery-3"…): recording a step twice is a no-op.</param>
/// <param name="Status">The new state.</param>
/// <param name="EventType">The outbox event, past tense (<c>PayoutSubmitted</c>).</param>
/// <param name="Detail">Reason, provider detail or evidence.</param>
/// <param name="ProviderReference">The provider's reference, when this step learnt it.</param>
public sealed record PayoutTransition(string Step, PayoutStatus Status, string EventType, string? Detail = null, string? ProviderReference = null);
