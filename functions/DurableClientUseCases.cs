using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Adapters.Durable;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;

namespace WalletFlow.Functions;

/// <summary>
/// In Functions the <see cref="DurableTaskClient"/> is a binding ([DurableClient]) handed to each
/// invocation, not a service: the payout use cases that talk to the saga are built per call with
/// <see cref="DurableTaskPayoutSagas"/> over the bound client, every other dependency from the container;
/// so is the reserve maturity run's port.
/// </summary>
public static class DurableClientUseCases
{
    public static T Create<T>(IServiceProvider services, DurableTaskClient client) where T : class =>
        ActivatorUtilities.CreateInstance<T>(services, new DurableTaskPayoutSagas(client));

    public static StartPayout StartPayout(IServiceProvider services, DurableTaskClient client) => Create<StartPayout>(services, client);
    public static ResolvePayout ResolvePayout(IServiceProvider services, DurableTaskClient client) => Create<ResolvePayout>(services, client);
    public static ReceiveProviderWebhook ReceiveProviderWebhook(IServiceProvider services, DurableTaskClient client) => Create<ReceiveProviderWebhook>(services, client);

    /// <summary>The correction use cases that start or wake a correction's workflow, over the bound client.</summary>
    public static T WithCorrectionWorkflows<T>(IServiceProvider services, DurableTaskClient client) where T : class =>
        ActivatorUtilities.CreateInstance<T>(services, new DurableTaskCorrectionWorkflows(client));

    /// <summary>The reserve maturity run's port over the bound client (its batch size from the container's options).</summary>
    public static IReserveMaturityRuns ReserveMaturityRuns(IServiceProvider services, DurableTaskClient client) =>
        ActivatorUtilities.CreateInstance<DurableTaskReserveMaturityRuns>(services, client);
}
