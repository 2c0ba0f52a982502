using Microsoft.DurableTask;

namespace WalletFlow.Activities.Corrections;

/// <summary>Registers the correction workflow's activity under its name, <see cref="WalletFlow.Core.Corrections.CorrectionNames.Conclude"/> (both hosts call this).</summary>
public static class CorrectionTasks
{
    public static DurableTaskRegistry AddCorrectionActivities(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.AddActivity<ConcludeCorrectionActivity>();
    }
}
