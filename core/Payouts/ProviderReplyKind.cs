namespace WalletFlow.Core.Payouts;

/// <summary>The four things a provider can tell us.</summary>
public enum ProviderReplyKind
{
    /// <summary>Paid; definitive.</summary>
    Accepted,

    /// <summary>Refused; definitive.</summary>
    Rejected,

    /// <summary>In progress.</summary>
    Pending,

    /// <summary>Unknown: timeout, 5xx, reset, unreadable.</summary>
    Ambiguous,
}
