namespace WalletFlow.Core.Payouts;

/// <summary>Where a payout is in its saga (design.md §7). Settled, Released and Rejected are terminal.</summary>
public enum PayoutStatus
{
    /// <summary>Accepted by the API; the saga has not held funds yet.</summary>
    Requested,

    /// <summary>Amount and fee moved into the payout's hold.</summary>
    Held,

    /// <summary>Sent to the provider, which took it.</summary>
    Submitted,

    /// <summary>The provider is still working on it.</summary>
    Pending,

    /// <summary>We do not know whether money left (timeout, 5xx, reset); never released in this state.</summary>
    Ambiguous,

    /// <summary>The requery budget is spent while still not definitive: dead-lettered, waiting for an operator.</summary>
    ManualReview,

    /// <summary>Paid out: the hold went to clearing and the fee to revenue.</summary>
    Settled,

    /// <summary>Definitively failed: the hold went back to the wallet.</summary>
    Released,

    /// <summary>Refused before any money moved (insufficient funds, unknown provider…).</summary>
    Rejected,
}
