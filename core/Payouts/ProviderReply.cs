namespace WalletFlow.Core.Payouts;

/// <summary>A provider's answer as the saga carries it (a flat record: it crosses the durable boundary as JSON).</summary>
/// <param name="Kind">Accepted and Rejected are definitive; Pending and Ambiguous are not.</param>
/// <param name="ProviderReference">The provider's reference, when given.</param>
/// <param name="Detail">The reason or wire detail.</param>
public sealed record ProviderReply(ProviderReplyKind Kind, string? ProviderReference = null, string? Detail = null)
{
    /// <summary>True for Accepted and Rejected.</summary>
    public bool IsDefinitive => Kind is ProviderReplyKind.Accepted or ProviderReplyKind.Rejected;
}
