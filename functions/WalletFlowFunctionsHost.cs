using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Adapters;

namespace WalletFlow.Functions;

/// <summary>The Functions app's services: the shared registration, minus the loops a trigger replaces.</summary>
public static class WalletFlowFunctionsHost
{
    /// <summary>
    /// The gates run from <see cref="GateFunctions"/>' TimerTrigger, not from the in-process schedule;
    /// the log sealer and the outbox relay keep running in the worker (each takes an advisory lock, so
    /// any number of scaled-out instances is safe).
    /// </summary>
    public const WalletFlowBackgroundWork BackgroundWork = WalletFlowBackgroundWork.LogSealer | WalletFlowBackgroundWork.OutboxRelay;

    public static IServiceCollection Configure(IServiceCollection services, IConfiguration configuration) =>
        services.AddWalletFlow(configuration, BackgroundWork);
}
