using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using WalletFlow.Adapters.Cutover;
using WalletFlow.Adapters.Durable;
using WalletFlow.Adapters.Gates;
using WalletFlow.Adapters.Identity;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Adapters.Movements;
using WalletFlow.Adapters.Payments;
using WalletFlow.Adapters.Outbox;
using WalletFlow.Adapters.Postgres;
using WalletFlow.Adapters.Stores;
using WalletFlow.Adapters.Telemetry;
using WalletFlow.Adapters.Templates;
using WalletFlow.Core.Banks;
using WalletFlow.Core.Corrections;
using WalletFlow.Core.Counterparties;
using WalletFlow.Core.Fx;
using WalletFlow.Core.Holds;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Migration;
using WalletFlow.Core.Flags;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Pools;
using WalletFlow.Core.Reserves;
using WalletFlow.Core.Stablecoins;
using WalletFlow.Core.Transfers;
using WalletFlow.Core.Wallets;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters;

/// <summary>The one service registration both hosts (host/, functions/) use.</summary>
public static class WalletFlowServiceCollectionExtensions
{
    /// <param name="services">The container.</param>
    /// <param name="configuration">The host's configuration (sections bound and validated at start).</param>
    /// <param name="background">
    /// The background loops this host runs. host/ runs all of them; functions/ runs the gates from a
    /// TimerTrigger instead of <see cref="GateSchedule"/>. This is the one place that choice is made.
    /// </param>
    public static IServiceCollection AddWalletFlow(this IServiceCollection services, IConfiguration configuration,
        WalletFlowBackgroundWork background = WalletFlowBackgroundWork.All)
    {
        services.AddOptions<PostgresOptions>()
            .Bind(configuration.GetSection(PostgresOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostgresOptions>, PostgresOptionsValidator>();

        services.AddSingleton<WalletFlowDatabase>();
        services.AddSingleton(sp => NamedDataSource.Build(PoolConnectionString(sp), "walletflow-ledger"));
        services.AddHostedService<OperationsGauges>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<EmbeddedLedger>();
        services.AddWalletFlowLedger(configuration);
        services.AddSingleton<LedgerVerifier>();
        services.AddSingleton<LogSealer>();
        services.AddSingleton<ITemplateCatalog>(_ => new NumscriptTemplateCatalog());
        services.AddWalletFlowUseCases(configuration);
        services.AddWalletFlowGates(configuration);

        if (background.HasFlag(WalletFlowBackgroundWork.LogSealer))
            services.AddHostedService<LogSealingService>();
        if (background.HasFlag(WalletFlowBackgroundWork.OutboxRelay))
            services.AddHostedService<OutboxRelayService>();
        if (background.HasFlag(WalletFlowBackgroundWork.GateSchedule))
            services.AddHostedService<GateSchedule>();
        if (background.HasFlag(WalletFlowBackgroundWork.OrphanReconciler))
            services.AddHostedService<OrphanedMovementReconciler>();
        return services;
    }

    /// <summary>The command stores and every use case of core (design.md §6).</summary>
    public static IServiceCollection AddWalletFlowUseCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => CommandsDataSource.Create(PoolConnectionString(sp)));
        services.AddSingleton<ICommandStore, PostgresCommandStore>();
        services.AddSingleton<IWalletStore, PostgresWalletStore>();
        services.AddSingleton<IApiClientStore, PostgresApiClientStore>();
        services.AddSingleton<IOperatorStore, PostgresOperatorStore>();
        services.AddSingleton<IOperatorPasswords, OperatorPasswords>();
        services.AddSingleton<AddApiClient>();
        services.AddSingleton<RevokeApiClient>();
        services.AddSingleton<AddOperator>();
        services.AddSingleton<SignInOperator>();
        services.AddWalletFlowPayments(configuration);
        services.AddOptions<PayoutsOptions>()
            .Bind(configuration.GetSection(PayoutsOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PayoutsOptions>>().Value.ToPolicy());
        services.AddSingleton<IPayoutStore, PostgresPayoutStore>();
        services.AddSingleton<IPayoutSagas, DurableTaskPayoutSagas>();
        services.AddSingleton<StartPayout>();
        services.AddSingleton<RedriveStalledPayouts>();
        services.AddSingleton<ResolvePayout>();
        services.AddSingleton<ReceiveProviderWebhook>();
        services.AddOptions<MovementsOptions>()
            .Bind(configuration.GetSection(MovementsOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<GroupMovementWriter>();
        services.AddSingleton<RemoteLedgerMovementWriter>();
        // The embedded ledger writes a movement and its command in one transaction; a remote one cannot.
        services.AddSingleton<IMovementWriter>(sp => sp.GetRequiredService<IOptions<LedgerOptions>>().Value.Mode == LedgerMode.Formance
            ? sp.GetRequiredService<RemoteLedgerMovementWriter>()
            : sp.GetRequiredService<GroupMovementWriter>());
        services.AddSingleton<MovementPipeline>();
        services.AddSingleton<IOrphanedMovementStore, PostgresOrphanedMovementStore>();
        services.AddSingleton<CompleteOrphanedMovements>();
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IEventPublisher, LogEventPublisher>();
        services.AddSingleton<OutboxRelay>();
        services.AddSingleton<OpenWallet>();
        services.AddSingleton<WalletBalancesQuery>();
        services.AddSingleton<WalletSearchQuery>();
        services.AddSingleton<PostedBalancesQuery>();
        services.AddSingleton<SetFeatureFlag>();
        services.AddSingleton<WalletTransactionsQuery>();
        services.AddSingleton<PayIn>();
        services.AddSingleton<Transfer>();
        services.AddSingleton<PlaceHold>();
        services.AddSingleton<SettleHold>();
        services.AddSingleton<ReleaseHold>();
        services.AddSingleton<HoldPayout>();
        services.AddSingleton<SettlePayout>();
        services.AddSingleton<ReleasePayout>();
        services.AddSingleton<ConvertFx>();
        services.AddSingleton<FundPool>();
        services.AddSingleton<TransferBetweenPools>();
        services.AddSingleton<MintStablecoin>();
        services.AddSingleton<BurnStablecoin>();
        services.AddSingleton<SettleCounterparty>();
        services.AddSingleton<ReleaseReserve>();
        services.AddWalletFlowReserves(configuration);
        services.AddSingleton<PostCorrection>();
        services.AddOptions<CorrectionsOptions>()
            .Bind(configuration.GetSection(CorrectionsOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CorrectionsOptions>>().Value.ToPolicy());
        services.AddSingleton<ICorrectionStore, PostgresCorrectionStore>();
        services.AddSingleton<ICorrectionWorkflows, DurableTaskCorrectionWorkflows>();
        services.AddSingleton<RequestCorrection>();
        services.AddSingleton<DecideCorrection>();
        services.AddSingleton<LedgerRevert>();
        services.AddSingleton<ReverseTransaction>();
        services.AddSingleton<ConcludeCorrection>();
        services.AddSingleton<PostOpeningBalance>();
        services.AddWalletFlowCutover(configuration);
        services.AddSingleton<FundBank>();
        return services;
    }

    /// <summary>Reserve policies and the maturity workflow's port (issue 18 §3); the timers are each host's.</summary>
    private static IServiceCollection AddWalletFlowReserves(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReservesOptions>()
            .Bind(configuration.GetSection(ReservesOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IReserveStore, PostgresReserveStore>();
        services.AddSingleton<SetReservePolicy>();
        services.AddSingleton<ReservePolicies>();
        services.AddSingleton<ReleaseReserveTranche>();
        services.AddSingleton<IReserveMaturityRuns, DurableTaskReserveMaturityRuns>();
        return services;
    }

    // Both pools are built here. The ledger's write path repeats a handful of statements: prepared
    // once per connection, PostgreSQL skips parsing and planning them (about a quarter of its CPU per
    // write, bench/README.md). A movement group alone uses some 25 distinct statements (a connection
    // serving movements and the outbox relay was seen at _auto20), so up to 128 are kept per
    // connection rather than churning through 32. Each pool holds at most Postgres:MaxPoolSize connections, which the
    // private cluster's max_connections is sized from, so a crowd of clients queues for a connection
    // instead of being refused by PostgreSQL (53300). A connection string's own values win.
    private static readonly string[] PoolSizeKeywords = ["Maximum Pool Size", "Max Pool Size", "MaxPoolSize"];

    private static string PoolConnectionString(IServiceProvider services)
    {
        var configured = services.GetRequiredService<WalletFlowDatabase>().ConnectionString;
        var builder = new NpgsqlConnectionStringBuilder(configured);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        if (builder.MaxAutoPrepare == 0)
            builder.MaxAutoPrepare = 128;
        if (!PoolSizeKeywords.Any(given.ContainsKey))
            builder.MaxPoolSize = services.GetRequiredService<IOptions<PostgresOptions>>().Value.MaxPoolSize;
        return builder.ConnectionString;
    }
}
