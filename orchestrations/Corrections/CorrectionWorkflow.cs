using Microsoft.DurableTask;
using WalletFlow.Core.Corrections;

namespace WalletFlow.Orchestrations.Corrections;

/// <summary>
/// A correction's maker/checker wait (design.md §7): from the request until a checker's decision or the
/// deadline, whichever comes first; then the one step (<see cref="CorrectionNames.Conclude"/>) posts an
/// approval exactly once, or records the expiry. The corrections row is what decides: the decision event
/// only wakes the workflow, so a replayed or early event changes nothing. Deterministic: the deadline is
/// the input's, every side effect the activity's; instance id = correction id.
/// </summary>
public sealed class CorrectionWorkflow : TaskOrchestrator<CorrectionWorkflowInput, CorrectionStatus>
{
    // A step is idempotent (the posting's key is the correction's): infrastructure failures are retried.
    private static readonly TaskOptions StepRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 8, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    public override async Task<CorrectionStatus> RunAsync(TaskOrchestrationContext context, CorrectionWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        // Neither wait is ever cancelled (see PayoutSaga). DurableTask.Core completes an orchestration only once
        // it has no open timer, so an instance concluded early stays Running, with custom status "concluded", until
        // its deadline fires into nothing; the corrections row, not the instance, is the correction's state.
        // The decision wait is registered before the first step, so a decision raised while that step runs is
        // taken by it rather than buffered.
        var deadline = context.CreateTimer(input.ExpiresAt.UtcDateTime, CancellationToken.None);
        var decision = context.WaitForExternalEvent<CorrectionDecision>(CorrectionNames.DecisionEvent);
        while (true)
        {
            var concluded = await context.CallActivityAsync<CorrectionConclusion>(CorrectionNames.Conclude,
                new ConcludeCorrectionInput(input.CorrectionId, deadline.IsCompleted), StepRetry);
            if (!concluded.KeepWaiting)
            {
                context.SetCustomStatus(new { step = "concluded", status = concluded.Status.ToString() });
                return concluded.Status;
            }
            context.SetCustomStatus(new { step = "awaiting-decision", expiresAt = input.ExpiresAt });
            await Task.WhenAny(deadline, decision);
            // Woken by a decision: the row decides; a later event (a retried raise) wakes the next wait.
            if (decision.IsCompleted)
                decision = context.WaitForExternalEvent<CorrectionDecision>(CorrectionNames.DecisionEvent);
        }
    }
}
