using System.Numerics;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Flags;
using WalletFlow.Core.Gates;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Reports;
using WalletFlow.Core.Transfers;
using WalletFlow.Tests.Integration.Infrastructure;
using WalletFlow.Tests.Integration.UseCases;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.Gates;

/// <summary>
/// The four gates after real use cases on the embedded ledger and a fresh database per test: all pass;
/// each way of breaking the books fails exactly its gate, naming the row or account.
/// </summary>
public sealed class GateRunTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Books(UseCaseFixture Fx, string Alice, string Bob, long FirstPayInTx) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Fx.DisposeAsync();
    }

    /// <summary>Pay-ins (one with a rolling reserve) and transfers with fees, through the use cases.</summary>
    private async Task<Books> BooksAsync()
    {
        var fx = new UseCaseFixture(server);
        await fx.InitializeAsync();
        var reserved = NewId("owner");
        await fx.RowsAsync("INSERT INTO walletflow.reserve_policies VALUES ($1, 1000, 30, now()) RETURNING owner_id", reserved);
        var alice = (await fx.OpenWalletAsync(owner: reserved)).WalletId;
        var bob = (await fx.OpenWalletAsync()).WalletId;
        var payIn = fx.Get<PayIn>();
        var transfer = fx.Get<Transfer>();
        var first = await payIn.RunAsync(new PayInRequest(Key(), alice, "1000.00", "NGN", "banks:gtbank", "ext-1", "10.00"), Ct);
        Assert.True(first.IsSuccess, first.ToString());
        Assert.True((await payIn.RunAsync(new PayInRequest(Key(), bob, "250.00", "NGN", "pools:gps", "ext-2"), Ct)).IsSuccess);
        Assert.True((await transfer.RunAsync(new TransferRequest(Key(), alice, bob, "300.00", "NGN", "1.50"), Ct)).IsSuccess);
        Assert.True((await transfer.RunAsync(new TransferRequest(Key(), bob, alice, "20.00", "NGN"), Ct)).IsSuccess);
        return new Books(fx, alice, bob, first.Value.TransactionId);
    }

    private static async Task<GateRun> RunAsync(UseCaseFixture fx) => await fx.Get<GateRunner>().RunAsync("test", Ct);

    private static GateResult OnlyFailing(GateRun run, string gate)
    {
        Assert.False(run.Passed);
        Assert.Equal(GateNames.All, run.Gates.Select(g => g.Gate));
        Assert.All(run.Gates.Where(g => g.Gate != gate), g => Assert.True(g.Passed, $"{g.Gate}: {string.Join("; ", g.Details)}"));
        var failed = run.Gates.Single(g => g.Gate == gate);
        Assert.False(failed.Passed);
        return failed;
    }

    private static async Task<FeatureFlag> PauseAsync(UseCaseFixture fx) => await fx.Get<PayoutPause>().GetAsync(Ct);

    [Fact]
    public async Task After_real_movements_all_four_gates_pass_the_run_is_stored_and_the_trial_balance_foots()
    {
        await using var books = await BooksAsync();
        var fx = books.Fx;

        var run = await RunAsync(fx);

        Assert.True(run.Passed, string.Join("; ", run.Gates.SelectMany(g => g.Details)));
        Assert.All(run.Gates, g => Assert.Empty(g.Details));
        var stored = Assert.Single(await fx.Get<IGateRunStore>().ListRecentAsync(10, Ct));
        Assert.Equal(run.RunId, stored.RunId);
        Assert.Equal(run.Gates, stored.Gates, (a, b) => a.Gate == b.Gate && a.Passed == b.Passed && a.Details.SequenceEqual(b.Details));
        Assert.Equal(4, await fx.CountAsync("walletflow.gate_results", "run_id = $1", run.RunId));
        Assert.False((await PauseAsync(fx)).Enabled);

        var trial = (await fx.Get<TrialBalanceQuery>().RunAsync(null, Ct)).Value;
        Assert.True(trial.Foots);
        Assert.Empty(trial.Balance.Unresolved);
        // 1000.00 at the bank, 250.00 in the pool; fees 10.00 + 1.50; alice's 10% reserve of 1000.00.
        Assert.Equal(
            [("1000", 100_000, 0), ("1100", 25_000, 0), ("2000", 0, 113_850), ("2200", 0, 10_000), ("4000", 0, 1_150)],
            trial.Balance.Lines.Select(l => (l.GlCode, (long)l.Debit, (long)l.Credit)));
        Assert.Equal((new BigInteger(125_000), new BigInteger(125_000)), (trial.Footings[0].Debit, trial.Footings[0].Credit));
        Assert.Equal(1, trial.CoaVersion);
    }

    [Fact]
    public async Task After_a_seeded_random_run_of_pay_ins_and_transfers_all_four_gates_pass()
    {
        var seed = Environment.GetEnvironmentVariable("WALLETFLOW_GATES_SEED") is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : Random.Shared.Next();
        var random = new Random(seed);
        await using var fx = new UseCaseFixture(server);
        await fx.InitializeAsync();
        var reserved = NewId("owner");
        await fx.RowsAsync("INSERT INTO walletflow.reserve_policies VALUES ($1, 500, 30, now()) RETURNING owner_id", reserved);
        var wallets = new List<string>();
        for (var i = 0; i < 6; i++)
            wallets.Add((await fx.OpenWalletAsync(owner: i % 3 == 0 ? reserved : null)).WalletId);
        var (accepted, refused) = (0, 0);
        for (var i = 0; i < 60; i++)
        {
            var amount = $"{random.Next(1, 2_000)}.{random.Next(0, 100):D2}";
            var fee = random.Next(3) == 0 ? "0.50" : null;
            var outcome = random.Next(3) == 0
                ? await fx.Get<PayIn>().RunAsync(new PayInRequest(Key(), wallets[random.Next(wallets.Count)], amount, "NGN",
                    random.Next(2) == 0 ? "banks:gtbank" : "pools:gps", $"ext-{i}", fee), Ct)
                : await fx.Get<Transfer>().RunAsync(new TransferRequest(Key(), wallets[random.Next(wallets.Count)], wallets[random.Next(wallets.Count)], amount, "NGN", fee), Ct);
            if (outcome.IsSuccess)
                accepted++;
            else
                refused++;
        }

        var run = await RunAsync(fx);

        Assert.True(run.Passed, $"seed {seed} ({accepted} accepted, {refused} refused): {string.Join("; ", run.Gates.SelectMany(g => g.Details))}");
        Assert.True((await fx.Get<TrialBalanceQuery>().RunAsync(null, Ct)).Value.Foots, $"seed {seed}");
        Assert.True(accepted > 0, $"seed {seed}");
    }

    [Fact]
    public async Task A_trial_balance_as_of_a_past_transaction_or_date_shows_the_books_as_they_were()
    {
        await using var books = await BooksAsync();
        var query = books.Fx.Get<TrialBalanceQuery>();

        var afterFirst = (await query.RunAsync(LedgerPoint.AfterTransaction(books.FirstPayInTx), Ct)).Value;
        var first = await books.Fx.Ledger.FindTransactionAsync(books.FirstPayInTx, Ct);
        var atDate = (await query.RunAsync(LedgerPoint.At(first!.Timestamp), Ct)).Value;
        var beforeAll = (await query.RunAsync(LedgerPoint.At(first.Timestamp.AddSeconds(-1)), Ct)).Value;
        var unknown = await query.RunAsync(LedgerPoint.AfterTransaction(999_999), Ct);

        Assert.Equal(
            [("1000", 100_000, 0), ("2000", 0, 89_000), ("2200", 0, 10_000), ("4000", 0, 1_000)],
            afterFirst.Balance.Lines.Select(l => (l.GlCode, (long)l.Debit, (long)l.Credit)));
        Assert.True(afterFirst.Foots);
        Assert.Equal(first.Timestamp, afterFirst.PointInTime);
        Assert.Equal(afterFirst.Balance.Lines, atDate.Balance.Lines);
        Assert.Empty(beforeAll.Balance.Lines);
        Assert.Equal("not_found", unknown.Error?.Code);
    }

    [Fact]
    public async Task The_ALM_view_sets_customer_liabilities_against_the_cash_that_covers_them()
    {
        await using var books = await BooksAsync();

        var ngn = Assert.Single(await books.Fx.Get<AlmQuery>().RunAsync(Ct));

        Assert.Equal(("NGN", "NGN/2"), (ngn.Currency, ngn.Asset));
        Assert.Equal((113_850, 0, 10_000), ((long)ngn.WalletsMain, (long)ngn.Holds, (long)ngn.Reserves));
        Assert.Equal((100_000, 25_000, 0, 0), ((long)ngn.Banks, (long)ngn.Pools, (long)ngn.Custody, (long)ngn.Clearing));
        Assert.Equal(Math.Round(125_000m / 123_850m, 6), ngn.Coverage);
    }

    [Fact]
    public async Task An_orphan_hold_row_fails_only_holds_match_pauses_payouts_and_an_acknowledgement_clears_the_pause()
    {
        await using var books = await BooksAsync();
        var fx = books.Fx;
        await GateBreakers.InsertOrphanHoldAsync(fx.Db, books.Alice, "orphan1");

        var run = await RunAsync(fx);

        var failed = OnlyFailing(run, GateNames.HoldsMatch);
        var detail = Assert.Single(failed.Details);
        Assert.Contains("hold orphan1", detail, StringComparison.Ordinal);
        Assert.Contains($"wallets:{books.Alice}:holds:orphan1", detail, StringComparison.Ordinal);
        var paused = await PauseAsync(fx);
        Assert.True(paused.Enabled);
        Assert.Equal(GateRunner.Actor, paused.UpdatedBy);
        Assert.Contains($"gate run {run.RunId}", paused.Reason, StringComparison.Ordinal);
        Assert.Contains("holds-match failed", paused.Reason, StringComparison.Ordinal);
        Assert.Contains("orphan1", paused.Reason, StringComparison.Ordinal);
        var refusal = await fx.Get<PayoutPause>().CheckAsync(Ct);
        Assert.Equal(("payouts_paused", paused.Reason), (refusal?.Code, refusal?.Reason));

        var rejected = await fx.Get<PayoutPause>().AcknowledgeAsync("ops.alice", " ", Ct);
        Assert.Equal("reason", rejected.Error?.Field);
        Assert.True((await PauseAsync(fx)).Enabled);

        var acknowledged = await fx.Get<PayoutPause>().AcknowledgeAsync("ops.alice", "orphan row from a manual import; removed", Ct);
        Assert.False(acknowledged.Value.Enabled);
        var cleared = await PauseAsync(fx);
        Assert.Equal((false, "ops.alice", "orphan row from a manual import; removed"), (cleared.Enabled, cleared.UpdatedBy, cleared.Reason));
        Assert.Null(await fx.Get<PayoutPause>().CheckAsync(Ct));
        var changes = await fx.RowsAsync("SELECT enabled, changed_by FROM walletflow.feature_flag_changes WHERE name = $1 ORDER BY change_id", FeatureFlagNames.PayoutsPaused);
        Assert.Equal([(true, GateRunner.Actor), (false, "ops.alice")], changes.Select(c => ((bool)c["enabled"]!, (string)c["changed_by"]!)));
    }

    [Fact]
    public async Task A_posting_to_an_unmapped_account_made_on_the_ledger_fails_only_coa_coverage_naming_the_account()
    {
        await using var books = await BooksAsync();
        await GateBreakers.PostDirectlyAsync(books.Fx.Get<EmbeddedLedger>(), "banks:gtbank:NGN", "mystery:account", 700, force: true);

        var failed = OnlyFailing(await RunAsync(books.Fx), GateNames.CoaCoverage);

        Assert.NotEmpty(failed.Details);
        Assert.All(failed.Details, d => Assert.Contains("mystery:account", d, StringComparison.Ordinal));
        Assert.False((await PauseAsync(books.Fx)).Enabled);
        var trial = (await books.Fx.Get<TrialBalanceQuery>().RunAsync(null, Ct)).Value;
        Assert.True(trial.Foots);
        Assert.Equal("mystery:account", Assert.Single(trial.Balance.Unresolved).Balance.Address.Value);
    }

    [Fact]
    public async Task A_corrupted_statements_row_fails_only_statements_match_naming_the_account()
    {
        await using var books = await BooksAsync();
        var account = AccountAddresses.WalletMain(books.Bob).Value;
        await GateBreakers.CorruptStatementAsync(books.Fx.Db, account, 1);

        var failed = OnlyFailing(await RunAsync(books.Fx), GateNames.StatementsMatch);

        var detail = Assert.Single(failed.Details);
        Assert.StartsWith($"{account} NGN/2 (wallet {books.Bob}): statements say 1, the ledger 53000", detail, StringComparison.Ordinal);
        Assert.False((await PauseAsync(books.Fx)).Enabled);
    }

    [Fact]
    public async Task A_ledger_transaction_that_bypasses_the_templates_fails_only_statements_match_naming_both_wallets()
    {
        await using var books = await BooksAsync();
        var from = AccountAddresses.WalletMain(books.Alice).Value;
        var to = AccountAddresses.WalletMain(books.Bob).Value;
        await GateBreakers.PostDirectlyAsync(books.Fx.Get<EmbeddedLedger>(), from, to, 4_200);

        var failed = OnlyFailing(await RunAsync(books.Fx), GateNames.StatementsMatch);

        Assert.Equal(2, failed.Details.Count);
        Assert.Contains(failed.Details, d => d.StartsWith($"{from} NGN/2 (wallet {books.Alice})", StringComparison.Ordinal));
        Assert.Contains(failed.Details, d => d.StartsWith($"{to} NGN/2 (wallet {books.Bob})", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Volumes_that_no_longer_sum_to_zero_fail_only_books_foot_and_pause_payouts()
    {
        await using var books = await BooksAsync();
        await GateBreakers.UnbalanceVolumesAsync(books.Fx.Db, "banks:gtbank:NGN", 3);

        var run = await RunAsync(books.Fx);

        var failed = OnlyFailing(run, GateNames.BooksFoot);
        Assert.Equal("NGN/2: balances sum to 3, not 0; trial balance debits 124997, credits 125000", Assert.Single(failed.Details));
        var paused = await PauseAsync(books.Fx);
        Assert.True(paused.Enabled);
        Assert.Contains("books-foot failed", paused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seed_chart_is_published_into_an_empty_database_only_and_a_changed_stored_chart_is_reported_not_overwritten()
    {
        await using var books = await BooksAsync();
        var sync = books.Fx.Get<CoaSeedSync>();

        var first = await sync.SyncAsync(Ct);
        var again = await sync.SyncAsync(Ct);
        await books.Fx.RowsAsync("UPDATE walletflow.coa_entries SET name = 'Wallets (renamed)' WHERE gl_code = '2000' AND version = $1 RETURNING gl_code", again.Snapshot.Version);
        var drifted = await sync.SyncAsync(Ct);

        Assert.Equal((true, 1, CoaSeedSync.SeedActor), (first.Published, first.Snapshot.Version, first.Snapshot.PublishedBy));
        Assert.Null(first.Drift);
        Assert.Equal((false, 1, false), (again.Published, again.Snapshot.Version, again.DiffersFromSeed));
        Assert.Equal(CoaService.LoadSeed().Chart.Entries.Select(e => e.GlCode), again.Snapshot.Chart.Entries.Select(e => e.GlCode));
        Assert.Equal(CoaService.LoadSeed().EventGl, again.Snapshot.EventGl);
        // The drift is reported; the stored chart stays as it is (an admin resolves it by importing the chart they want).
        Assert.Equal((false, 1, true), (drifted.Published, drifted.Snapshot.Version, drifted.DiffersFromSeed));
        var change = Assert.Single(drifted.Drift!.Changed);
        Assert.Equal(("2000", "name", "Wallets (renamed)"), (change.GlCode, change.Field, change.Database));
        Assert.Equal("Wallets (renamed)", drifted.Snapshot.Chart.FindByGlCode("2000")!.Name);
    }
}
