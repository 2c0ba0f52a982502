namespace WalletFlow.Core.Payouts;

/// <summary>Rules about <see cref="PayoutStatus"/>, in one place.</summary>
public static class PayoutStatuses
{
    /// <summary>True when the saga is over for good: nothing moves any more.</summary>
    public static bool IsTerminal(PayoutStatus status) =>
        status is PayoutStatus.Settled or PayoutStatus.Released or PayoutStatus.Rejected;
}
