namespace WalletFlow.Core.Ports;

/// <summary>
/// What a provider said about a payout. Only <see cref="Accepted"/> and <see cref="Rejected"/> are
/// definitive; money is never released while the outcome is <see cref="Pending"/> or <see cref="Ambiguous"/>.
/// </summary>
public abstract record ProviderOutcome
{
    private ProviderOutcome()
    {
    }

    /// <summary>True for <see cref="Accepted"/> and <see cref="Rejected"/>: the saga may settle or release.</summary>
    public bool IsDefinitive => this is Accepted or Rejected;

    /// <summary>Paid out; definitive.</summary>
    /// <param name="ProviderReference">The provider's reference.</param>
    public sealed record Accepted(string ProviderReference) : ProviderOutcome;

    /// <summary>Refused; definitive, nothing left our books.</summary>
    /// <param name="Reason">The provider's reason.</param>
    public sealed record Rejected(string Reason) : ProviderOutcome;

    /// <summary>Received and in progress; requery later.</summary>
    /// <param name="ProviderReference">The provider's reference, when given.</param>
    public sealed record Pending(string? ProviderReference) : ProviderOutcome;

    /// <summary>We do not know whether money left (timeout, 5xx, connection reset, an unreadable answer).</summary>
    /// <param name="Detail">What happened on the wire.</param>
    public sealed record Ambiguous(string Detail) : ProviderOutcome;
}
