namespace WalletFlow.Core.Payouts;

/// <summary>A provider's answer as the saga carries it (a flat record: it crosses the durable boundary as JSON).</summary>
/// <param name="Kind">Accepted and Rejected are definitive; Pending and Ambiguous are not.</param>
/// <param name="ProviderReference">The provider's reference, when given.</param>
/// <param name="Detail">The reason or wire detail.</param>
public sealed record ProviderReply(ProviderReplyKind Kind, string? ProviderReference = null, string? Detail = null)
{
    /// <summary>True for Accepted and Rejected.</summary>
    public bool IsDefinitive => Kind is ProviderReplyKind.Accepted or ProviderReplyKind.Rejected;

    /// <summary>The flat form of a provider's outcome.</summary>
    public static ProviderReply From(Ports.ProviderOutcome outcome) => outcome switch
    {
        Ports.ProviderOutcome.Accepted a => new ProviderReply(ProviderReplyKind.Accepted, a.ProviderReference),
        Ports.ProviderOutcome.Rejected r => new ProviderReply(ProviderReplyKind.Rejected, Detail: r.Reason),
        Ports.ProviderOutcome.Pending p => new ProviderReply(ProviderReplyKind.Pending, p.ProviderReference),
        Ports.ProviderOutcome.Ambiguous u => new ProviderReply(ProviderReplyKind.Ambiguous, Detail: u.Detail),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown provider outcome."),
    };

    /// <summary>The payout state this answer leaves a payout in, before it is settled or released.</summary>
    public PayoutStatus Status => Kind switch
    {
        ProviderReplyKind.Pending => PayoutStatus.Pending,
        ProviderReplyKind.Ambiguous => PayoutStatus.Ambiguous,
        _ => PayoutStatus.Submitted,
    };

    /// <summary>A one-line description for transitions and history.</summary>
    public override string ToString() =>
        $"{Kind}{(ProviderReference is null ? "" : $" ref={ProviderReference}")}{(Detail is null ? "" : $": {Detail}")}";
}
