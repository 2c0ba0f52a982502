using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Durable;

/// <summary>The payout saga on Durable Task, through whichever <see cref="DurableTaskClient"/> the host has (sidecar or Functions).</summary>
public sealed class DurableTaskPayoutSagas(DurableTaskClient client) : IPayoutSagas
{
    public async Task StartAsync(PayoutSagaInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var existing = await client.GetInstanceAsync(input.PayoutId, cancellationToken);
        if (existing is not null && IsAlive(existing))
            return;
        if (existing is not null)
            await client.PurgeInstanceAsync(input.PayoutId, cancellation: cancellationToken);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(new TaskName(PayoutActivityNames.Saga), input,
                new StartOrchestrationOptions(InstanceId: input.PayoutId), cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Two starts of one payout raced: the other one's instance is the saga, never a second one.
            // Anything else is a real failure.
            if (!await IsAliveAsync(input.PayoutId, cancellationToken))
                throw;
        }
    }

    public async Task<bool> IsAliveAsync(string payoutId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(payoutId, cancellationToken);
        return instance is not null && IsAlive(instance);
    }

    public Task RaiseProviderStatusAsync(string payoutId, ProviderReply reply, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(payoutId, PayoutSagaEvents.ProviderStatus, reply, cancellationToken);

    public Task RaiseResolutionAsync(string payoutId, PayoutResolution resolution, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(payoutId, PayoutSagaEvents.ManualResolution, resolution, cancellationToken);

    private static bool IsAlive(OrchestrationMetadata instance) =>
        instance.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated);
}
