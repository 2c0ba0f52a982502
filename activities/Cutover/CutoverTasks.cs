using Microsoft.DurableTask;

namespace WalletFlow.Activities.Cutover;

/// <summary>Registers the cutover workflows' activities under their names (both hosts call this).</summary>
public static class CutoverTasks
{
    public static DurableTaskRegistry AddCutoverActivities(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddActivity<FreezeLegacyActivity>()
            .AddActivity<PostOpeningBalancesActivity>()
            .AddActivity<ConfirmOpeningBalancesActivity>()
            .AddActivity<RunCutoverGatesActivity>()
            .AddActivity<ReconcileCutoverActivity>()
            .AddActivity<GoLiveActivity>()
            .AddActivity<FailCutoverActivity>()
            .AddActivity<ReverseOpeningBalancesActivity>()
            .AddActivity<FinishRollbackActivity>();
    }
}
