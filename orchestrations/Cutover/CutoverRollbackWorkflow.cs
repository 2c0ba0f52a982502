using Microsoft.DurableTask;
using WalletFlow.Core.Cutover;

namespace WalletFlow.Orchestrations.Cutover;

/// <summary>
/// The operator's rollback of a cutover: every opening balance it posted reversed, batches fanned out
/// and fanned in (each reversal idempotent per wallet), then the books checked and the flags restored
/// (<c>cutover_live</c> off, <c>legacy_frozen</c> off). Instance id = <see cref="CutoverActivityNames.RollbackInstance"/>,
/// so the forward workflow's history stays beside it. Deterministic.
/// </summary>
public sealed class CutoverRollbackWorkflow : TaskOrchestrator<CutoverWorkflowInput, CutoverWorkflowResult>
{
    public override async Task<CutoverWorkflowResult> RunAsync(TaskOrchestrationContext context, CutoverWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        CutoverWorkflow.Step(context, CutoverLifecycle.Reverse);
        await Task.WhenAll(Enumerable.Range(0, input.Batches).Select(batch =>
            context.CallActivityAsync<CutoverBatchResult>(CutoverActivityNames.ReverseBatch, new CutoverBatchInput(input.CutoverId, batch), CutoverWorkflow.StepRetry)));

        CutoverWorkflow.Step(context, CutoverLifecycle.Rollback);
        var finished = await context.CallActivityAsync<CutoverStepResult>(CutoverActivityNames.FinishRollback, input, CutoverWorkflow.StepRetry);
        return new CutoverWorkflowResult(finished.Passed ? CutoverStatus.RolledBack : CutoverStatus.RollbackFailed, finished.Detail);
    }
}
