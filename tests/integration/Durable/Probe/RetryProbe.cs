using Microsoft.DurableTask;

namespace WalletFlow.Tests.Integration.Durable.Probe;

/// <summary>Calls <see cref="FlakyActivity"/> with the retry policy shape the payout saga uses for its steps.</summary>
public sealed class RetryProbe : TaskOrchestrator<RetryProbeInput, int>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromMilliseconds(200), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(2)));

    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestrator<RetryProbe>();
        registry.AddActivity<FlakyActivity>();
    }

    public override Task<int> RunAsync(TaskOrchestrationContext context, RetryProbeInput input) =>
        context.CallActivityAsync<int>(nameof(FlakyActivity), input, Retry);
}
