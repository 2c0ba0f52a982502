using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Adapters;

namespace WalletFlow.Functions;

/// <summary>The Functions app's services: the shared registration, minus the loops a trigger replaces.</summary>
public static class WalletFlowFunctionsHost
{
    /// <summary>
    /// The gates run from <see cref="GateFunctions"/>' TimerTrigger, not from the in-process schedule;
    /// the log sealer, the outbox relay and (with the Formance ledger) the orphaned-movement reconciler
    /// keep running in the worker (each takes advisory locks, so any number of scaled-out instances is safe).
    /// </summary>
    public const WalletFlowBackgroundWork BackgroundWork =
        WalletFlowBackgroundWork.LogSealer | WalletFlowBackgroundWork.OutboxRelay | WalletFlowBackgroundWork.OrphanReconciler;

    public static IServiceCollection Configure(IServiceCollection services, IConfiguration configuration) =>
        services.AddWalletFlow(configuration, BackgroundWork).AddWalletFlowFunctionsTelemetry(configuration);
}
