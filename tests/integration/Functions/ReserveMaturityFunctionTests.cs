using System.Numerics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WalletFlow.Adapters.Postgres;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Reserves;
using WalletFlow.Core.Wallets;
using WalletFlow.Functions;
using WalletFlow.Host.Durable;
using WalletFlow.Tests.Integration.Infrastructure;
using WalletFlow.Tests.Integration.UseCases;

namespace WalletFlow.Tests.Integration.Functions;

/// <summary>
/// The reserve maturity timer the Functions way (issue 18 acceptance, the Functions host): the Functions
/// app's container (<see cref="WalletFlowFunctionsHost.Configure"/>) over a fresh database, with a real
/// Durable Task worker whose orchestrator and activities are the Functions wrappers themselves
/// (<see cref="ReserveMaturityFunctions"/>, dispatched by name as the Functions host would), and its real
/// client standing in for the [DurableClient] binding. The timer function is called directly.
/// </summary>
public sealed class ReserveMaturityFunctionTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_timer_function_starts_the_run_that_releases_a_tranche_maturing_during_it_once()
    {
        await using var app = await FunctionsDurableApp.StartAsync(server);
        var functions = app.Functions;
        var (walletId, trancheId) = await app.ReservedWalletAsync();
        var (byHandWallet, byHand) = await app.ReservedWalletAsync();
        await app.ExecuteAsync("UPDATE walletflow.reserve_tranches SET matures_at = now() - interval '1 second' WHERE tranche_id = $1", byHand);
        var byHandRelease = await app.Get<ReleaseReserve>().RunAsync(new ReleaseReserveRequest(UseCaseFixture.Key(), byHandWallet), Ct);
        Assert.True(byHandRelease.IsSuccess, byHandRelease.ToString());
        await app.ExecuteAsync("UPDATE walletflow.reserve_tranches SET matures_at = now() + interval '2 seconds' WHERE tranche_id = $1", trancheId);

        // A tick before it matures finds nothing due.
        var early = await app.RunTimerAsync(functions);
        Assert.Equal((0, 0), (early.Due, early.Released));
        Assert.Null(await app.ScalarAsync("SELECT released_by FROM walletflow.reserve_tranches WHERE tranche_id = $1", trancheId));

        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);
        var run = await app.RunTimerAsync(functions);

        Assert.Equal((1, 1, 0, 0), (run.Due, run.Released, run.AlreadyReleased, run.Refused));
        var releasedBy = (string)(await app.ScalarAsync("SELECT released_by FROM walletflow.reserve_tranches WHERE tranche_id = $1", trancheId))!;
        var key = ReserveMaturity.TrancheKey(trancheId).Value;
        Assert.Equal(key, await app.ScalarAsync("SELECT idempotency_key FROM walletflow.commands WHERE command_id = $1", releasedBy));
        Assert.Equal(1L, await app.ScalarAsync("SELECT count(*) FROM ledger.transactions WHERE reference = $1", "reserve-release:" + key));
        Assert.Equal(new BigInteger(100_000), await app.BalanceAsync(AccountAddresses.WalletMain(walletId)));
        Assert.Equal(BigInteger.Zero, await app.BalanceAsync(AccountAddresses.WalletReserve(walletId)));

        // The next tick releases nothing more; the tranche released by hand keeps its one release.
        var next = await app.RunTimerAsync(functions);
        Assert.Equal((0, 0), (next.Due, next.Released));
        Assert.Equal(1L, await app.ScalarAsync("SELECT count(*) FROM walletflow.commands WHERE operation = 'reserve-release' AND (request->>'trancheId' = $1 OR request->>'walletId' = $2)", trancheId, walletId));
        Assert.Equal(byHandRelease.Value.CommandId, await app.ScalarAsync("SELECT released_by FROM walletflow.reserve_tranches WHERE tranche_id = $1", byHand));
        Assert.Equal(1L, await app.ScalarAsync("SELECT count(*) FROM walletflow.commands WHERE operation = 'reserve-release' AND (request->>'trancheId' = $1 OR request->>'walletId' = $2)", byHand, byHandWallet));

        // Even named directly, the release step of the tranche released by hand moves nothing.
        var again = await functions.ReleaseReserveTranche(byHand, null!);
        Assert.Equal((TrancheReleaseOutcome.AlreadyReleased, byHandRelease.Value.CommandId), (again.Outcome, again.CommandId));
        Assert.Equal(new BigInteger(100_000), await app.BalanceAsync(AccountAddresses.WalletMain(byHandWallet)));
        Assert.Equal(BigInteger.Zero, await app.BalanceAsync(AccountAddresses.WalletReserve(byHandWallet)));
    }

    [Fact]
    public async Task The_orchestration_trigger_asks_for_one_batch_due_at_the_tick_releases_each_tranche_and_counts_the_outcomes()
    {
        var tick = new DateTime(2026, 12, 4, 6, 0, 0, DateTimeKind.Utc);
        var context = new ScriptedOrchestrationContext(new ReserveMaturityInput(tick, 3), (name, input) => (name.Name, input) switch
        {
            (ReserveMaturity.FindDue, DueReserveTranches { Limit: 3 } due) when due.AsOf == tick => (IReadOnlyList<string>)["rsv_a", "rsv_b", "rsv_c"],
            (ReserveMaturity.Release, "rsv_a") => new TrancheRelease("rsv_a", TrancheReleaseOutcome.Released, "cmd_a"),
            (ReserveMaturity.Release, "rsv_b") => new TrancheRelease("rsv_b", TrancheReleaseOutcome.AlreadyReleased, "cmd_by_hand"),
            (ReserveMaturity.Release, "rsv_c") => new TrancheRelease("rsv_c", TrancheReleaseOutcome.Refused, Detail: "state_conflict: Wallet 'w' is frozen."),
            _ => throw new InvalidOperationException($"unexpected activity {name} with {input}"),
        });

        var result = await ReserveMaturityFunctions.ReserveMaturityRun(context);

        Assert.Equal((3, 1, 1, 1), (result.Due, result.Released, result.AlreadyReleased, result.Refused));
        Assert.Equal(["rsv_c: state_conflict: Wallet 'w' is frozen."], result.Refusals);
        Assert.Equal([ReserveMaturity.FindDue, ReserveMaturity.Release, ReserveMaturity.Release, ReserveMaturity.Release], context.Calls.Select(c => c.Activity));
        Assert.Equal(["rsv_a", "rsv_b", "rsv_c"], context.Calls.Skip(1).Select(c => (string)c.Input!));
    }

    /// <summary>The Functions app's services with host/'s durable runtime (in-memory store) running the Functions wrappers.</summary>
    private sealed class FunctionsDurableApp : IAsyncDisposable
    {
        private readonly FreshDatabase _database;
        private readonly IHost _host;

        private FunctionsDurableApp(FreshDatabase database, IHost host)
        {
            _database = database;
            _host = host;
            Functions = ActivatorUtilities.CreateInstance<ReserveMaturityFunctions>(host.Services);
        }

        public ReserveMaturityFunctions Functions { get; }

        public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

        public static async Task<FunctionsDurableApp> StartAsync(PostgresServer server)
        {
            var database = new FreshDatabase(server);
            await database.InitializeAsync();
            await database.MigrateAsync();
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [PostgresOptions.ConnectionStringKey] = database.ConnectionString,
                ["Durable:Backend"] = "InMemory",
            });
            builder.Services.AddLogging();
            WalletFlowFunctionsHost.Configure(builder.Services, builder.Configuration);
            // What the Functions host does with functions.metadata: each trigger name dispatches to its wrapper.
            var wrappers = new WrapperHolder();
            builder.Services.AddWalletFlowDurable(builder.Configuration, registry => registry
                .AddOrchestrator(ReserveMaturity.Run, new OrchestrationTrigger())
                .AddActivity(ReserveMaturity.FindDue, new ActivityTrigger<DueReserveTranches, IReadOnlyList<string>>(wrappers, (f, input) => f.FindDueReserveTranches(input, null!)))
                .AddActivity(ReserveMaturity.Release, new ActivityTrigger<string, TrancheRelease>(wrappers, (f, input) => f.ReleaseReserveTranche(input, null!))));
            var host = builder.Build();
            await host.Services.GetRequiredService<WalletFlowDatabase>().StartAsync(Ct);
            await host.StartAsync(Ct);
            var app = new FunctionsDurableApp(database, host);
            wrappers.Functions = app.Functions;
            return app;
        }

        private sealed class WrapperHolder
        {
            public ReserveMaturityFunctions? Functions { get; set; }
        }

        /// <summary>The orchestration trigger's body, as the Functions host runs it.</summary>
        private sealed class OrchestrationTrigger : TaskOrchestrator<ReserveMaturityInput, ReserveMaturityResult>
        {
            public override Task<ReserveMaturityResult> RunAsync(TaskOrchestrationContext context, ReserveMaturityInput input) =>
                ReserveMaturityFunctions.ReserveMaturityRun(context);
        }

        /// <summary>An activity trigger's body, as the Functions host runs it.</summary>
        private sealed class ActivityTrigger<TInput, TOutput>(WrapperHolder wrappers, Func<ReserveMaturityFunctions, TInput, Task<TOutput>> trigger)
            : TaskActivity<TInput, TOutput>
        {
            public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) =>
                trigger(wrappers.Functions ?? throw new InvalidOperationException("the app has not started"), input);
        }

        /// <summary>Calls the timer function with the worker's client as its binding and waits for the run it started.</summary>
        public async Task<ReserveMaturityResult> RunTimerAsync(ReserveMaturityFunctions functions)
        {
            var client = Get<DurableTaskClient>();
            var instanceId = await functions.StartReserveMaturity(new TimerInfo(), client, Ct);
            Assert.StartsWith("reserve-maturity-", instanceId, StringComparison.Ordinal);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
            Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
            return done.ReadOutputAs<ReserveMaturityResult>()!;
        }

        /// <summary>A wallet of a new owner who keeps 10 % for 30 days, paid 1000.00, and its one tranche of 100.00.</summary>
        public async Task<(string WalletId, string TrancheId)> ReservedWalletAsync()
        {
            var owner = UseCaseFixture.NewId("owner");
            var opened = await Get<OpenWallet>().RunAsync(new OpenWalletRequest(UseCaseFixture.NewId("w"), owner, "NGN"), Ct);
            Assert.True(opened.IsSuccess, opened.ToString());
            Assert.True((await Get<SetReservePolicy>().RunAsync(new SetReservePolicyRequest(owner, 1000, 30), "tests", Ct)).IsSuccess);
            var walletId = opened.Value.Wallet.WalletId;
            var paid = await Get<PayIn>().RunAsync(new PayInRequest(UseCaseFixture.Key(), walletId, "1000.00", "NGN", "banks:gtb", UseCaseFixture.NewId("ext")), Ct);
            Assert.True(paid.IsSuccess, paid.ToString());
            return (walletId, (string)(await ScalarAsync("SELECT tranche_id FROM walletflow.reserve_tranches WHERE wallet_id = $1", walletId))!);
        }

        public async Task<BigInteger> BalanceAsync(AccountAddress account) =>
            (await Get<ILedger>().GetBalancesAsync(account, Ct)).FirstOrDefault(b => b.Asset == "NGN/2")?.Balance ?? BigInteger.Zero;

        public async Task<object?> ScalarAsync(string sql, params object[] parameters)
        {
            await using var command = _database.DataSource.CreateCommand(sql);
            foreach (var parameter in parameters)
                command.Parameters.Add(new NpgsqlParameter { Value = parameter });
            var value = await command.ExecuteScalarAsync(Ct);
            return value is DBNull ? null : value;
        }

        public async Task ExecuteAsync(string sql, params object[] parameters)
        {
            await using var command = _database.DataSource.CreateCommand(sql);
            foreach (var parameter in parameters)
                command.Parameters.Add(new NpgsqlParameter { Value = parameter });
            Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
        }

        public async ValueTask DisposeAsync()
        {
            await _host.StopAsync(CancellationToken.None);
            _host.Dispose();
            await _database.DisposeAsync();
        }
    }
}
