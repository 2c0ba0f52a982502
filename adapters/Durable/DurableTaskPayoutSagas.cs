using Microsoft.DurableTask.Client;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Durable;

/// <summary>The payout saga on Durable Task, through whichever <see cref="DurableTaskClient"/> the host has (sidecar or Functions).</summary>
public sealed class DurableTaskPayoutSagas(DurableTaskClient client) : IPayoutSagas
{
    public Task StartAsync(PayoutSagaInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return client.StartUnlessAliveAsync(PayoutActivityNames.Saga, input.PayoutId, input, cancellationToken);
    }

    public Task<bool> IsAliveAsync(string payoutId, CancellationToken cancellationToken) => client.IsAliveAsync(payoutId, cancellationToken);

    public Task RaiseProviderStatusAsync(string payoutId, ProviderReply reply, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(payoutId, PayoutSagaEvents.ProviderStatus, reply, cancellationToken);

    public Task RaiseResolutionAsync(string payoutId, PayoutResolution resolution, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(payoutId, PayoutSagaEvents.ManualResolution, resolution, cancellationToken);
}
