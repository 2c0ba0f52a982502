using Microsoft.DurableTask;
using WalletFlow.Core.Cutover;

namespace WalletFlow.Orchestrations.Cutover;

/// <summary>
/// The cutover (design.md §7, issue 18): freeze legacy → open wallets and post opening balances, batches
/// fanned out and fanned in → the four gates → file totals against ledger totals → live. Any failure
/// stops before the live flag (the operator may then roll back: <see cref="CutoverRollbackWorkflow"/>).
/// The file was validated and its rows stored before this starts; batches are named by number, so no
/// row travels through the history. Deterministic; instance id = cutover id. After a crash the worker
/// replays the history: finished batches are not run again, a batch that was running is, and its
/// per-wallet keys make that post nothing twice.
/// </summary>
public sealed class CutoverWorkflow : TaskOrchestrator<CutoverWorkflowInput, CutoverWorkflowResult>
{
    // Infrastructure failures inside a step (database restart, network) are retried; every step is idempotent.
    internal static readonly TaskOptions StepRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    public override async Task<CutoverWorkflowResult> RunAsync(TaskOrchestrationContext context, CutoverWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var id = input.CutoverId;

        Step(context, CutoverLifecycle.Freeze);
        await context.CallActivityAsync<CutoverStepResult>(CutoverActivityNames.Freeze, input, StepRetry);

        Step(context, CutoverLifecycle.Post);
        var batches = await Task.WhenAll(Enumerable.Range(0, input.Batches).Select(batch =>
            context.CallActivityAsync<CutoverBatchResult>(CutoverActivityNames.PostBatch, new CutoverBatchInput(id, batch), StepRetry)));
        context.SetCustomStatus(new { step = CutoverLifecycle.Post, batches = batches.Length, done = batches.Sum(b => b.Done), failed = batches.Sum(b => b.Failed) });
        var posted = await context.CallActivityAsync<CutoverStepResult>(CutoverActivityNames.ConfirmPosted, id, StepRetry);
        if (!posted.Passed)
            return await FailAsync(context, id, CutoverLifecycle.Post, posted.Detail);

        Step(context, CutoverLifecycle.Gates);
        var gates = await context.CallActivityAsync<CutoverStepResult>(CutoverActivityNames.Gates, id, StepRetry);
        if (!gates.Passed)
            return await FailAsync(context, id, CutoverLifecycle.Gates, gates.Detail);

        Step(context, CutoverLifecycle.Reconcile);
        var reconciled = await context.CallActivityAsync<CutoverStepResult>(CutoverActivityNames.Reconcile, id, StepRetry);
        if (!reconciled.Passed)
            return await FailAsync(context, id, CutoverLifecycle.Reconcile, reconciled.Detail);

        Step(context, CutoverLifecycle.GoLive);
        var live = await context.CallActivityAsync<CutoverStepResult>(CutoverActivityNames.GoLive, input, StepRetry);
        if (!live.Passed)
            return await FailAsync(context, id, CutoverLifecycle.GoLive, live.Detail);
        return new CutoverWorkflowResult(CutoverStatus.Live, reconciled.Detail);
    }

    private static async Task<CutoverWorkflowResult> FailAsync(TaskOrchestrationContext context, string cutoverId, string step, string detail)
    {
        Step(context, CutoverLifecycle.Fail);
        await context.CallActivityAsync<bool>(CutoverActivityNames.Fail, new CutoverFailure(cutoverId, step, detail), StepRetry);
        return new CutoverWorkflowResult(CutoverStatus.Failed, $"{step}: {detail}");
    }

    /// <summary>The custom status shows the lifecycle step the workflow is in.</summary>
    internal static void Step(TaskOrchestrationContext context, string step) => context.SetCustomStatus(new { step });
}
