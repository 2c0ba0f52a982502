namespace WalletFlow.Core.Payouts;

/// <summary>One state change of a payout, with the outbox event it publishes. Made by <see cref="PayoutLifecycle.Transitions"/> only.</summary>
/// <param name="Step">The lifecycle step that made it, unique per payout: recording a step twice adds no second row or event.</param>
/// <param name="Status">The new state.</param>
/// <param name="EventType">The one outbox event of this fact, past tense (<c>PayoutSubmitted</c>).</param>
/// <param name="Detail">Reason, provider detail or evidence.</param>
/// <param name="ProviderReference">The provider's reference, when this step learnt it.</param>
public sealed record PayoutTransition(string Step, PayoutStatus Status, string EventType, string? Detail = null, string? ProviderReference = null)
{
    /// <summary>Requeries made so far, when this step knows it (the requery steps).</summary>
    public int? Requeries { get; init; }
}
