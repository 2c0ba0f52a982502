using Microsoft.DurableTask;
using WalletFlow.Core.Cutover;

namespace WalletFlow.Activities.Cutover;

/// <summary>Rollback, fan-in: books checked, flags restored, RolledBack (or RollbackFailed with why).</summary>
public sealed class FinishRollbackActivity(FinishRollback finish) : TaskActivity<CutoverWorkflowInput, CutoverStepResult>
{
    public override Task<CutoverStepResult> RunAsync(TaskActivityContext context, CutoverWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return finish.RunAsync(input.CutoverId, input.Actor, CancellationToken.None);
    }
}
