namespace WalletFlow.Core.Payouts;

/// <summary>
/// Where a payout is in its saga (design.md §7). Which may follow which is <see cref="PayoutLifecycle"/>'s.
/// The numbers are fixed: they cross the durable boundary in recorded histories.
/// </summary>
public enum PayoutStatus
{
    /// <summary>Accepted by the API; the saga has not held funds yet.</summary>
    Requested = 0,

    /// <summary>Amount and fee moved into the payout's hold.</summary>
    Held = 1,

    /// <summary>Sent to the provider, which took it.</summary>
    Submitted = 2,

    /// <summary>The provider is still working on it.</summary>
    Pending = 3,

    /// <summary>We do not know whether money left (timeout, 5xx, reset); never released in this state.</summary>
    Ambiguous = 4,

    /// <summary>The requery budget is spent while still not definitive: dead-lettered, waiting for an operator.</summary>
    ManualReview = 5,

    /// <summary>Paid out: the hold went to clearing and the fee to revenue.</summary>
    Settled = 6,

    /// <summary>Definitively failed: the hold went back to the wallet.</summary>
    Released = 7,

    /// <summary>Refused before any money moved (insufficient funds, unknown provider…).</summary>
    Rejected = 8,

    /// <summary>The submit is being sent: from here on the provider may have the payout, so only its own answer may reject it.</summary>
    Submitting = 9,
}
