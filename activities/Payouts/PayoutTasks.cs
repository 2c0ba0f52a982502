using Microsoft.DurableTask;

namespace WalletFlow.Activities.Payouts;

/// <summary>Registers the payout saga's activities under their names (both hosts call this).</summary>
public static class PayoutTasks
{
    public static DurableTaskRegistry AddPayoutActivities(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddActivity<HoldPayoutActivity>()
            .AddActivity<SubmitPayoutActivity>()
            .AddActivity<QueryPayoutActivity>()
            .AddActivity<SettlePayoutActivity>()
            .AddActivity<ReleasePayoutActivity>()
            .AddActivity<DeadLetterPayoutActivity>();
    }
}
