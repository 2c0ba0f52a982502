using Microsoft.DurableTask;
using WalletFlow.Core.Corrections;

namespace WalletFlow.Activities.Corrections;

/// <summary>The correction workflow's step: expire, post once, or keep waiting (<see cref="ConcludeCorrection"/>).</summary>
public sealed class ConcludeCorrectionActivity(ConcludeCorrection conclude) : TaskActivity<ConcludeCorrectionInput, CorrectionConclusion>
{
    public override Task<CorrectionConclusion> RunAsync(TaskActivityContext context, ConcludeCorrectionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return conclude.RunAsync(input.CorrectionId, input.DeadlinePassed, CancellationToken.None);
    }
}
