using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Durable;

/// <summary>The payout saga on Durable Task, through whichever <see cref="DurableTaskClient"/> the host has (sidecar or Functions).</summary>
public sealed class DurableTaskPayoutSagas(DurableTaskClient client) : IPayoutSagas
{
    /// <summary>
    /// An instance in one of these is the payout's saga at work: a start leaves it alone. An instance that
    /// ended (Completed, Failed, Terminated) is replaced by the store in the same call that creates the new
    /// one: a payout still not terminal when its saga ended is re-driven, with no purge-then-schedule gap.
    /// </summary>
    private static readonly OrchestrationRuntimeStatus[] Alive =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    public async Task StartAsync(PayoutSagaInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(new TaskName(PayoutActivityNames.Saga), input,
                new StartOrchestrationOptions(InstanceId: input.PayoutId).WithDedupeStatuses(Alive), cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A live instance refused the start (dedupe): it is the saga, never a second one. Anything else is a real failure.
            if (!await IsAliveAsync(input.PayoutId, cancellationToken))
                throw;
        }
    }

    public async Task<bool> IsAliveAsync(string payoutId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(payoutId, cancellationToken);
        return instance is not null && Alive.Contains(instance.RuntimeStatus);
    }

    public Task RaiseProviderStatusAsync(string payoutId, ProviderReply reply, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(payoutId, PayoutSagaEvents.ProviderStatus, reply, cancellationToken);

    public Task RaiseResolutionAsync(string payoutId, PayoutResolution resolution, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(payoutId, PayoutSagaEvents.ManualResolution, resolution, cancellationToken);
}
