using Microsoft.DurableTask;

namespace WalletFlow.Activities.Reserves;

/// <summary>Registers the reserve maturity run's activities under their names (host/ calls this; functions/ wraps them).</summary>
public static class ReserveTasks
{
    public static DurableTaskRegistry AddReserveActivities(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddActivity<FindDueReserveTranchesActivity>()
            .AddActivity<ReleaseReserveTrancheActivity>();
    }
}
