using Microsoft.DurableTask;

namespace WalletFlow.Tests.Integration.Durable.Probe;

/// <summary>
/// A small saga with every primitive the payout saga uses: an activity, a durable timer, an
/// external event and a custom status naming the current step.
/// </summary>
public sealed class ApprovalProbe : TaskOrchestrator<ApprovalProbeInput, ApprovalProbeResult>
{
    public const string ApprovalEvent = "Approval";

    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestrator<ApprovalProbe>();
        registry.AddActivity<GreetActivity>();
    }

    public override async Task<ApprovalProbeResult> RunAsync(TaskOrchestrationContext context, ApprovalProbeInput input)
    {
        context.SetCustomStatus(ApprovalProbeStep.Greeting);
        var greeting = await context.CallActivityAsync<string>(nameof(GreetActivity), input.Name);

        context.SetCustomStatus(ApprovalProbeStep.WaitingForTimer);
        var timerDue = context.CurrentUtcDateTime.Add(input.TimerDelay);
        await context.CreateTimer(timerDue, CancellationToken.None);
        var timerFired = context.CurrentUtcDateTime;

        context.SetCustomStatus(ApprovalProbeStep.WaitingForApproval);
        var approval = await context.WaitForExternalEvent<string>(ApprovalEvent);

        context.SetCustomStatus(ApprovalProbeStep.Approved);
        return new ApprovalProbeResult(greeting, approval, timerDue, timerFired);
    }
}
