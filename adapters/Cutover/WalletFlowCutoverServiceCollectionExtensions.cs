using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Durable;
using WalletFlow.Adapters.Stores;
using WalletFlow.Core.Cutover;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Cutover;

/// <summary>The cutover's options, store, workflow port and use cases (both hosts, through AddWalletFlow).</summary>
public static class WalletFlowCutoverServiceCollectionExtensions
{
    public static IServiceCollection AddWalletFlowCutover(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CutoverOptions>()
            .Bind(configuration.GetSection(CutoverOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CutoverOptions>>().Value.ToPolicy());
        services.AddSingleton<ICutoverStore, PostgresCutoverStore>();
        services.AddSingleton<ICutoverWorkflows, DurableTaskCutoverWorkflows>();
        services.AddSingleton<StartCutover>();
        services.AddSingleton<RollbackCutover>();
        services.AddSingleton<FreezeLegacy>();
        services.AddSingleton<PostCutoverBatch>();
        services.AddSingleton<ConfirmOpeningBalances>();
        services.AddSingleton<RunCutoverGates>();
        services.AddSingleton<ReconcileCutover>();
        services.AddSingleton<GoLive>();
        services.AddSingleton<FailCutover>();
        services.AddSingleton<ReverseOpeningBalance>();
        services.AddSingleton<ReverseCutoverBatch>();
        services.AddSingleton<FinishRollback>();
        return services;
    }
}
