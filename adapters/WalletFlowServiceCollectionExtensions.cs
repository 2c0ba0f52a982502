using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Adapters.Postgres;

namespace WalletFlow.Adapters;

/// <summary>The one service registration both hosts (host/, functions/) use.</summary>
public static class WalletFlowServiceCollectionExtensions
{
    public static IServiceCollection AddWalletFlow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PostgresOptions>()
            .Bind(configuration.GetSection(PostgresOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostgresOptions>, PostgresOptionsValidator>();

        services.AddSingleton<WalletFlowDatabase>();
        services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<WalletFlowDatabase>().ConnectionString));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<EmbeddedLedger>();
        services.AddSingleton<LedgerVerifier>();
        return services;
    }
}
