using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using WalletFlow.Adapters.Gates;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Adapters.Postgres;
using WalletFlow.Adapters.Stores;
using WalletFlow.Adapters.Templates;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Transfers;
using WalletFlow.Core.Wallets;
using WalletFlow.Core.Ports;

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
        services.AddSingleton(sp => NpgsqlDataSource.Create(WithAutoPrepare(sp.GetRequiredService<WalletFlowDatabase>().ConnectionString)));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<EmbeddedLedger>();
        services.AddWalletFlowLedger(configuration);
        services.AddSingleton<LedgerVerifier>();
        services.AddSingleton<LogSealer>();
        services.AddHostedService<LogSealingService>();
        services.AddSingleton<ITemplateCatalog>(_ => new NumscriptTemplateCatalog());
        services.AddWalletFlowUseCases();
        services.AddWalletFlowGates(configuration);
        return services;
    }

    /// <summary>The command stores and every use case of core (design.md §6).</summary>
    public static IServiceCollection AddWalletFlowUseCases(this IServiceCollection services)
    {
        services.AddSingleton<ICommandStore, PostgresCommandStore>();
        services.AddSingleton<IWalletStore, PostgresWalletStore>();
        services.AddSingleton<MovementPipeline>();
        services.AddSingleton<OpenWallet>();
        services.AddSingleton<PayIn>();
        services.AddSingleton<Transfer>();
        return services;
    }

    // The ledger's write path repeats a handful of statements: prepared once per connection, PostgreSQL
    // skips parsing and planning them (about a quarter of its CPU per write, bench/README.md).
    // A connection string that sets Max Auto Prepare keeps its own value.
    private static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
            builder.MaxAutoPrepare = 32;
        return builder.ConnectionString;
    }
}
