using Microsoft.Extensions.Options;
using Npgsql;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Adapters.Ledger.Formance;
using WalletFlow.Adapters.Stores;
using WalletFlow.Core.Gates;
using WalletFlow.Core.Holds;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Templates;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.UseCases;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;
using LedgerPosting = WalletFlow.Adapters.Ledger.Posting;
using LedgerTransaction = WalletFlow.Core.Ports.LedgerTransaction;

namespace WalletFlow.Tests.Integration.Movements;

/// <summary>
/// Formance mode, where a movement commits twice (the ledger's transaction, then walletflow's command):
/// the connection is cut between the two commits by terminating walletflow's command connections once
/// the ledger has answered, and the orphan reconciler completes what the command would have written —
/// command, claim, statements, hold or tranche, one outbox event — once, from the ledger alone.
/// </summary>
public sealed class OrphanedMovementTests(RemoteLedgerFixture ledger) : IClassFixture<RemoteLedgerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private long _terminated;

    [Fact]
    public async Task A_pay_in_whose_command_commit_is_cut_is_completed_by_one_reconciler_run_with_its_tranche_and_replays_to_the_client()
    {
        await using var fx = await ledger.StartWalletFlowAsync();
        var owner = NewId("owner");
        await fx.RowsAsync("INSERT INTO walletflow.reserve_policies VALUES ($1, 1000, 30, now()) RETURNING owner_id", owner);
        var wallet = (await fx.OpenWalletAsync(owner: owner)).WalletId;
        var request = new PayInRequest(Key(), wallet, "1000.00", "NGN", "banks:gtbank", "ext-1", "10.00");
        var commandId = MovementPipeline.CommandId(request.Key);

        var posted = await CutAsync(fx, () => fx.Get<PayIn>().RunAsync(request, Ct), $"{TemplateNames.PayIn}:{request.Key.Value}");

        Assert.Equal("claims 0, commands 0, statement lines 0, holds 0, tranches 0, outbox 0", await RowsAsync(fx));
        Assert.False(Gate(await GatesAsync(fx), GateNames.StatementsMatch).Passed);

        var run = await fx.Get<CompleteOrphanedMovements>().RunAsync(Ct);

        Assert.Equal([commandId], run.Completed);
        Assert.Empty(run.CompletedElsewhere);
        Assert.Empty(run.InProgress);
        Assert.Empty(run.Failed);
        Assert.Empty(run.NeedsOperator);
        Assert.Equal("claims 1, commands 1, statement lines 2, holds 0, tranches 1, outbox 1", await RowsAsync(fx));
        var command = Assert.Single(await fx.RowsAsync("SELECT * FROM walletflow.commands"));
        Assert.Equal((commandId, posted.Id, posted.Reference, TemplateNames.PayIn),
            ((string)command["command_id"]!, (long)command["ledger_tx_id"]!, (string?)command["reference"], (string)command["template"]!));
        Assert.Equal("succeeded", (await fx.RowsAsync("SELECT status FROM walletflow.idempotency_claims WHERE idempotency_key = $1", request.Key.Value))[0]["status"]);
        var tranche = Assert.Single(await fx.RowsAsync("SELECT * FROM walletflow.reserve_tranches"));
        Assert.Equal((wallet, 10_000L, commandId), ((string)tranche["wallet_id"]!, (long)tranche["amount"]!, (string)tranche["created_by"]!));
        var outbox = Assert.Single(await fx.RowsAsync("SELECT * FROM walletflow.outbox"));
        Assert.Equal(($"{commandId}:PayInReceived", "wallet", wallet), ((string)outbox["dedup_id"]!, (string)outbox["aggregate_type"]!, (string)outbox["aggregate_id"]!));

        // The client's retry is a replay of the completed command: the same receipt, no second transaction.
        var retry = await fx.Get<PayIn>().RunAsync(request, Ct);
        Assert.True(retry.IsSuccess, retry.ToString());
        Assert.Equal((commandId, posted.Id, posted.Timestamp), (retry.Value.CommandId, retry.Value.TransactionId, retry.Value.At));
        Assert.Equal(posted.Postings, retry.Value.Postings);
        Assert.Equal("100.00", retry.Value.Attributes["reserved"]);
        Assert.Equal(1, await LedgerTransactionsAsync(fx));

        var rows = await RowsAsync(fx);
        var again = await fx.Get<CompleteOrphanedMovements>().RunAsync(Ct);
        Assert.Empty(again.Completed);
        Assert.Empty(again.CompletedElsewhere);
        Assert.Equal(rows, await RowsAsync(fx));
        AssertBooksMatch(await GatesAsync(fx));
    }

    [Fact]
    public async Task A_hold_whose_command_commit_is_cut_is_opened_by_the_reconciler_and_the_holds_match()
    {
        await using var fx = await ledger.StartWalletFlowAsync();
        var wallet = (await fx.OpenWalletAsync()).WalletId;
        Assert.True((await fx.Get<PayIn>().RunAsync(new PayInRequest(Key(), wallet, "500.00", "NGN", "banks:gtbank", "ext-1"), Ct)).IsSuccess);
        var request = new PlaceHoldRequest(Key(), wallet, "200.00", "NGN", NewId("hold"));
        var commandId = MovementPipeline.CommandId(request.Key);

        await CutAsync(fx, () => fx.Get<PlaceHold>().RunAsync(request, Ct), $"{TemplateNames.HoldPlace}:{request.Key.Value}");

        Assert.Equal("claims 1, commands 1, statement lines 1, holds 0, tranches 0, outbox 1", await RowsAsync(fx));
        Assert.False(Gate(await GatesAsync(fx), GateNames.HoldsMatch).Passed);

        var run = await fx.Get<CompleteOrphanedMovements>().RunAsync(Ct);

        Assert.Equal([commandId], run.Completed);
        Assert.Equal("claims 2, commands 2, statement lines 3, holds 1, tranches 0, outbox 2", await RowsAsync(fx));
        var hold = Assert.Single(await fx.RowsAsync("SELECT * FROM walletflow.holds"));
        Assert.Equal((request.HoldId, wallet, "open", 20_000L, commandId),
            ((string?)hold["hold_id"], (string)hold["wallet_id"]!, (string)hold["status"]!, (long)hold["amount"]!, (string)hold["placed_by"]!));
        Assert.Equal(1, await fx.CountAsync("walletflow.outbox", "dedup_id = $1", $"{commandId}:HoldPlaced"));
        var retry = await fx.Get<PlaceHold>().RunAsync(request, Ct);
        Assert.True(retry.IsSuccess, retry.ToString());
        Assert.Equal(request.HoldId, retry.Value.Attributes["holdId"]);

        var rows = await RowsAsync(fx);
        Assert.Empty((await fx.Get<CompleteOrphanedMovements>().RunAsync(Ct)).Completed);
        Assert.Equal(rows, await RowsAsync(fx));
        AssertBooksMatch(await GatesAsync(fx));
    }

    [Fact]
    public async Task A_client_retry_before_the_reconciler_completes_the_first_attempt_even_when_the_plan_has_changed_since()
    {
        await using var fx = await ledger.StartWalletFlowAsync();
        var owner = NewId("owner");
        await fx.RowsAsync("INSERT INTO walletflow.reserve_policies VALUES ($1, 2500, 7, now()) RETURNING owner_id", owner);
        var wallet = (await fx.OpenWalletAsync(owner: owner)).WalletId;
        var request = new PayInRequest(Key(), wallet, "80.00", "NGN", "pools:gps", "ext-9");
        var posted = await CutAsync(fx, () => fx.Get<PayIn>().RunAsync(request, Ct), $"{TemplateNames.PayIn}:{request.Key.Value}");
        Assert.True(MovementRecordJson.TryRead(posted, out var recorded, out var problem), problem);
        var firstMaturity = Assert.IsType<StateChange.ReserveTrancheAdded>(Assert.Single(recorded.StateChanges)).MaturesAt;

        // The retry plans a later maturity (read from the clock), so the ledger refuses its body under
        // the same key; the writer then records the first attempt the ledger holds.
        var retry = await fx.Get<PayIn>().RunAsync(request, Ct);

        Assert.True(retry.IsSuccess, retry.ToString());
        Assert.Equal(posted.Id, retry.Value.TransactionId);
        Assert.Equal(1, await LedgerTransactionsAsync(fx));
        Assert.Equal("claims 1, commands 1, statement lines 2, holds 0, tranches 1, outbox 1", await RowsAsync(fx));
        var tranche = Assert.Single(await fx.RowsAsync("SELECT amount, matures_at FROM walletflow.reserve_tranches"));
        Assert.Equal(2_000L, tranche["amount"]);
        // PostgreSQL keeps microseconds; the retry's own maturity is milliseconds later.
        Assert.InRange(((DateTime)tranche["matures_at"]!).Ticks - firstMaturity.UtcTicks, -10, 10);
        var run = await fx.Get<CompleteOrphanedMovements>().RunAsync(Ct);
        Assert.Empty(run.Completed);
        Assert.Equal(1, run.Checked);
        AssertBooksMatch(await GatesAsync(fx));
    }

    [Fact]
    public async Task The_checkpoint_passes_settled_transactions_only_and_a_transaction_without_a_record_is_reported_once()
    {
        await using var fx = await ledger.StartWalletFlowAsync();
        var wallet = (await fx.OpenWalletAsync()).WalletId;
        Assert.True((await fx.Get<PayIn>().RunAsync(new PayInRequest(Key(), wallet, "5.00", "NGN", "banks:gtbank", "ext-1"), Ct)).IsSuccess);
        var orphan = new PayInRequest(Key(), wallet, "6.00", "NGN", "banks:gtbank", "ext-2");
        await CutAsync(fx, () => fx.Get<PayIn>().RunAsync(orphan, Ct), $"{TemplateNames.PayIn}:{orphan.Key.Value}");
        // A transaction naming a command but carrying no record (as one posted before records existed would).
        var name = fx.Get<IOptions<LedgerOptions>>().Value.Name;
        var legacy = await fx.Get<FormanceLedgerClient>().CreateTransactionAsync(name, new CreateTransaction(
            [new LedgerPosting("banks:gtbank:NGN", "equity:funding", 1, "NGN/2")],
            Metadata: new Dictionary<string, string> { [MovementSteps.CommandMetadata] = "cmd_legacy" }, Force: true), null, Ct);
        Assert.True(legacy.Succeeded, legacy.Error?.Message);

        // Everything is younger than the lag: completed and reported, but listed again next time.
        var now = await fx.Get<CompleteOrphanedMovements>().RunAsync(Ct);
        Assert.Equal((3, 1, (long?)null), (now.Checked, now.Completed.Count, now.CheckedThrough));
        Assert.Contains(MovementSteps.RecordMetadata, Assert.Single(now.NeedsOperator, n => n.Key == legacy.Value.Id).Value, StringComparison.Ordinal);

        var later = Reconciler(fx, CompleteOrphanedMovements.CheckpointLag + TimeSpan.FromMinutes(1));
        var settled = await later.RunAsync(Ct);
        Assert.Equal((3, 0, legacy.Value.Id), (settled.Checked, settled.Completed.Count, settled.CheckedThrough));
        Assert.Equal(legacy.Value.Id, (await fx.RowsAsync("SELECT checked_through FROM walletflow.orphaned_movement_checkpoints WHERE ledger = $1", name))[0]["checked_through"]);

        Assert.True((await fx.Get<PayIn>().RunAsync(new PayInRequest(Key(), wallet, "7.00", "NGN", "banks:gtbank", "ext-3"), Ct)).IsSuccess);
        var next = await later.RunAsync(Ct);
        Assert.Equal((1, 0, 0), (next.Checked, next.Completed.Count, next.NeedsOperator.Count));
        Assert.True(next.CheckedThrough > legacy.Value.Id);
    }

    [Fact]
    public async Task The_host_in_Formance_mode_completes_an_orphan_at_start_up()
    {
        await using var fx = await ledger.StartWalletFlowAsync();
        var wallet = (await fx.OpenWalletAsync()).WalletId;
        var request = new PayInRequest(Key(), wallet, "42.00", "NGN", "banks:gtbank", "ext-1");
        await CutAsync(fx, () => fx.Get<PayIn>().RunAsync(request, Ct), $"{TemplateNames.PayIn}:{request.Key.Value}");
        var database = new NpgsqlConnectionStringBuilder(ledger.Server.AdminConnectionString)
        {
            Database = new NpgsqlConnectionStringBuilder(fx.Db.ConnectionString).Database,
        };

        await using var host = await WalletFlowServer.StartAsync(
        [
            "--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={database.ConnectionString}", "--Gates:RunOnStartup=false",
            "--Ledger:Mode=Formance", $"--Ledger:Formance:BaseUrl={ledger.LedgerUrl}", $"--Ledger:Name={fx.Get<IOptions<LedgerOptions>>().Value.Name}",
        ], Ct);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await fx.CountAsync("walletflow.commands", "command_id = $1", MovementPipeline.CommandId(request.Key)) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the host's start-up reconciler run did not complete the orphan within 60 s");
            await Task.Delay(200, Ct);
        }
        Assert.Equal("claims 1, commands 1, statement lines 1, holds 0, tranches 0, outbox 1", await RowsAsync(fx));
    }

    /// <summary>
    /// Runs a movement with the proxy armed: the ledger commits it, then walletflow's command connections
    /// are terminated before walletflow hears back, so its command commit fails. Returns the ledger's transaction.
    /// </summary>
    private async Task<LedgerTransaction> CutAsync<T>(UseCaseFixture fx, Func<Task<T>> movement, string reference)
    {
        var database = new NpgsqlConnectionStringBuilder(fx.Db.ConnectionString).Database;
        var cutsBefore = ledger.Proxy.Cuts;
        ledger.Proxy.CutAfterNextPost(async () =>
        {
            await using var admin = new NpgsqlConnection(ledger.Server.AdminConnectionString);
            await admin.OpenAsync();
            // The timeout waits until each backend has exited, so the commit that follows meets a dead connection.
            await using var terminate = new NpgsqlCommand("""
                SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000))
                FROM pg_stat_activity WHERE datname = $1 AND application_name = 'walletflow-commands'
                """, admin);
            terminate.Parameters.Add(new NpgsqlParameter { Value = database });
            Interlocked.Exchange(ref _terminated, (long)(await terminate.ExecuteScalarAsync())!);
        });
        try
        {
            await Assert.ThrowsAnyAsync<NpgsqlException>(movement);
        }
        finally
        {
            // Every pooled command connection was ended with the movement's: none may be drawn again.
            fx.Get<CommandsDataSource>().DataSource.Clear();
        }
        Assert.Equal(cutsBefore + 1, ledger.Proxy.Cuts);
        Assert.True(Interlocked.Read(ref _terminated) >= 1, "the cut found no command connection to end");
        var posted = await fx.Ledger.FindByReferenceAsync(reference, Ct);
        Assert.NotNull(posted);
        Assert.True(posted.Metadata.ContainsKey(MovementSteps.RecordMetadata));
        Assert.Equal(0, await fx.CountAsync("walletflow.commands", "reference = $1", reference));
        return posted;
    }

    private static CompleteOrphanedMovements Reconciler(UseCaseFixture fx, TimeSpan clockAhead) =>
        new(fx.Ledger, fx.Get<ICommandStore>(), fx.Get<IOrphanedMovementStore>(), new ClockAhead(clockAhead));

    private static async Task<string> RowsAsync(UseCaseFixture fx) =>
        $"claims {await fx.CountAsync("walletflow.idempotency_claims")}, commands {await fx.CountAsync("walletflow.commands")}, " +
        $"statement lines {await fx.CountAsync("walletflow.statement_lines")}, holds {await fx.CountAsync("walletflow.holds")}, " +
        $"tranches {await fx.CountAsync("walletflow.reserve_tranches")}, outbox {await fx.CountAsync("walletflow.outbox")}";

    private static async Task<int> LedgerTransactionsAsync(UseCaseFixture fx) =>
        (await fx.Ledger.ListTransactionsWithMetadataAsync(MovementSteps.CommandMetadata, null, null, 100, Ct)).Transactions.Count;

    private static async Task<GateRun> GatesAsync(UseCaseFixture fx) => await fx.Get<GateRunner>().RunAsync("test", Ct);

    private static GateResult Gate(GateRun run, string gate) => run.Gates.Single(g => g.Gate == gate);

    private static void AssertBooksMatch(GateRun run)
    {
        foreach (var gate in new[] { GateNames.BooksFoot, GateNames.HoldsMatch, GateNames.StatementsMatch })
            Assert.True(Gate(run, gate).Passed, $"{gate}: {string.Join("; ", Gate(run, gate).Details)}");
    }

    private sealed class ClockAhead(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + ahead;
    }
}
