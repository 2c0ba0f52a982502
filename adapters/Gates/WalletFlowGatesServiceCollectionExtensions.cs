using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Stores;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Gates;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Reports;

namespace WalletFlow.Adapters.Gates;

/// <summary>Reports, the four gates, their runner, the chart-of-accounts catalog and feature flags.</summary>
public static class WalletFlowGatesServiceCollectionExtensions
{
    public static IServiceCollection AddWalletFlowGates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GateOptions>()
            .Bind(configuration.GetSection(GateOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GateOptions>, GateOptionsValidator>();

        services.AddSingleton<ICoaCatalog, PostgresCoaCatalog>();
        services.AddSingleton<IFeatureFlags, PostgresFeatureFlags>();
        services.AddSingleton<IGateRunStore, PostgresGateRunStore>();
        services.AddSingleton<IReconciliationRecords, PostgresReconciliationRecords>();
        services.AddSingleton<CoaSeedSync>();
        services.AddSingleton<CoaService>();
        services.AddSingleton<ImportChartOfAccounts>();
        services.AddSingleton<TrialBalanceQuery>();
        services.AddSingleton<AlmQuery>();
        services.AddSingleton<GateRunner>();
        services.AddSingleton<PayoutPause>();
        return services;
    }
}
