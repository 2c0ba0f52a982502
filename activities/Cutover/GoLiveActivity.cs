using Microsoft.DurableTask;
using WalletFlow.Core.Cutover;

namespace WalletFlow.Activities.Cutover;

/// <summary>Step 5: cutover_live on.</summary>
public sealed class GoLiveActivity(GoLive goLive) : TaskActivity<CutoverWorkflowInput, CutoverStepResult>
{
    public override Task<CutoverStepResult> RunAsync(TaskActivityContext context, CutoverWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return goLive.RunAsync(input.CutoverId, input.Actor, CancellationToken.None);
    }
}
