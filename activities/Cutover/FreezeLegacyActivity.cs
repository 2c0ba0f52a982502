using Microsoft.DurableTask;
using WalletFlow.Core.Cutover;

namespace WalletFlow.Activities.Cutover;

/// <summary>Step 2: legacy_frozen on.</summary>
public sealed class FreezeLegacyActivity(FreezeLegacy freeze) : TaskActivity<CutoverWorkflowInput, CutoverStepResult>
{
    public override Task<CutoverStepResult> RunAsync(TaskActivityContext context, CutoverWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return freeze.RunAsync(input.CutoverId, input.Actor, CancellationToken.None);
    }
}
