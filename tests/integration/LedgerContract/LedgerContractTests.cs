using System.Numerics;
using System.Text.Json;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Core.Accounts;
using WalletFlow.Adapters.Templates;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Templates;
using WalletFlow.Core.Ports;
using LedgerTransaction = WalletFlow.Adapters.Ledger.LedgerTransaction;
using Posting = WalletFlow.Adapters.Ledger.Posting;

namespace WalletFlow.Tests.Integration.LedgerContract;

/// <summary>
/// The ledger contract (issue 6's acceptance), one suite for every target: the embedded ledger
/// in-process, the Formance adapter against walletflow's own /api/ledger, and against a real
/// Formance Ledger. Each test makes its own ledger, so targets can share a server.
/// </summary>
public abstract partial class LedgerContractTests
{
    protected const string Ngn = "NGN/2";
    protected const string W1 = "wallets:w1:main";
    protected const string W2 = "wallets:w2:main";

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract ILedgerDriver Driver { get; }

    /// <summary>A new, empty ledger; a target that cannot run here skips the test at this point.</summary>
    protected virtual async Task<string> NewLedgerAsync()
    {
        var name = "c" + Guid.NewGuid().ToString("N")[..12];
        var created = await Driver.CreateLedgerAsync(name, Ct);
        Assert.True(created.Succeeded, $"{Driver.Target}: {created.Error?.Code} {created.Error?.Message}");
        return name;
    }

    // ---- postings and scripts ----

    [Fact]
    public async Task Postings_move_funds_and_answer_the_volumes_before_and_after()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, W1, 10_000);

        var paid = Ok(await Driver.CreateTransactionAsync(ledger,
            new CreateTransaction([new Posting(W1, W2, 2_500, Ngn)], Metadata: Meta("kind", "p2p")), null, Ct));

        Assert.Equal(1, paid.Id);
        Assert.Equal([new Posting(W1, W2, 2_500, Ngn)], paid.Postings);
        Assert.Equal("p2p", paid.Metadata["kind"]);
        Assert.False(paid.Reverted);
        Assert.Equal(new Volumes(10_000, 0), paid.PreCommitVolumes?[W1][Ngn]);
        Assert.Equal(new Volumes(10_000, 2_500), paid.PostCommitVolumes?[W1][Ngn]);
        Assert.Equal(new Volumes(2_500, 0), paid.PostCommitVolumes?[W2][Ngn]);

        var read = Ok(await Driver.GetTransactionAsync(ledger, paid.Id, withVolumes: false, Ct));
        Assert.Equal(paid.Postings, read.Postings);
        Assert.Equal(paid.Timestamp, read.Timestamp);
        Assert.Equal(new Volumes(10_000, 2_500), (await VolumesAsync(ledger, W1))[Ngn]);
        Assert.Equal(2_500, (await VolumesAsync(ledger, W2))[Ngn].Balance);
    }

    [Fact]
    public async Task A_script_with_vars_posts_what_it_sends_and_the_metadata_it_sets()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, W1, 10_000);

        var posted = Ok(await Driver.CreateTransactionAsync(ledger, new CreateTransaction(null,
            TransferScript(W1, W2, "NGN/2 1500"), Reference: "script-1", Metadata: Meta("request", "r1")), "script-key", Ct));

        Assert.Equal([new Posting(W1, W2, 1_500, Ngn)], posted.Postings);
        Assert.Equal("script-1", posted.Reference);
        Assert.Equal("p2p", posted.Metadata["template"]);
        Assert.Equal("r1", posted.Metadata["request"]);
        Assert.Equal(8_500, (await VolumesAsync(ledger, W1))[Ngn].Balance);
    }

    [Fact]
    public async Task An_unknown_transaction_is_not_found_and_an_unknown_ledger_is_ledger_not_found()
    {
        var ledger = await NewLedgerAsync();
        Assert.Equal(LedgerErrorCodes.NotFound, (await Driver.GetTransactionAsync(ledger, 42, false, Ct)).Error?.Code);
        Assert.Equal(LedgerErrorCodes.LedgerNotFound,
            (await Driver.CreateTransactionAsync("nope" + ledger, Transfer("world", W1, 1), null, Ct)).Error?.Code);
    }

    // ---- overdraft ----

    [Fact]
    public async Task An_overdraft_by_postings_is_insufficient_fund_and_writes_nothing()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, W1, 1_000);

        var refused = await Driver.CreateTransactionAsync(ledger, Transfer(W1, W2, 1_001), "over-1", Ct);

        Assert.Equal(LedgerErrorCodes.InsufficientFund, refused.Error?.Code);
        Assert.Single(await AllTransactionsAsync(ledger, null));
        Assert.Equal(1_000, (await VolumesAsync(ledger, W1))[Ngn].Balance);
        Assert.False((await VolumesAsync(ledger, W2)).ContainsKey(Ngn) && (await VolumesAsync(ledger, W2))[Ngn].Input != 0);
    }

    [Fact]
    public async Task Through_the_port_an_overdraft_is_an_insufficient_funds_rejection_naming_account_and_amounts()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, W1, 1_000);
        var port = Driver.Port(ledger);

        var posted = await port.PostAsync(Request(W1, W2, "NGN/2 1001", "over-key", "over-ref"), Ct);

        Assert.False(posted.IsSuccess);
        var shortfall = Assert.IsType<InsufficientFunds>(posted.Error);
        Assert.Equal(new InsufficientFunds(W1, Ngn, 1_001, 1_000), shortfall);
        Assert.Null(await port.FindByReferenceAsync("over-ref", Ct));
        Assert.Equal(1_000, (await VolumesAsync(ledger, W1))[Ngn].Balance);
    }

    // ---- idempotency and references ----

    [Fact]
    public async Task An_idempotent_replay_answers_the_original_transaction_and_writes_once()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, W1, 1_000);

        var first = Ok(await Driver.CreateTransactionAsync(ledger, Transfer(W1, W2, 100, "idem-ref"), "idem-1", Ct));
        var replay = Ok(await Driver.CreateTransactionAsync(ledger, Transfer(W1, W2, 100, "idem-ref"), "idem-1", Ct));

        Assert.Equal(first.Id, replay.Id);
        Assert.Equal(Json(first with { PreCommitVolumes = null, PostCommitVolumes = null }),
            Json(replay with { PreCommitVolumes = null, PostCommitVolumes = null }));
        Assert.Equal(2, (await AllTransactionsAsync(ledger, null)).Count);
        Assert.Equal(900, (await VolumesAsync(ledger, W1))[Ngn].Balance);
    }

    [Fact]
    public async Task Through_the_port_a_replay_answers_the_original_and_a_conflicting_replay_is_an_idempotency_conflict()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, W1, 1_000);
        var port = Driver.Port(ledger);

        var first = await port.PostAsync(Request(W1, W2, "NGN/2 100", "port-key", "port-ref"), Ct);
        var replay = await port.PostAsync(Request(W1, W2, "NGN/2 100", "port-key", "port-ref"), Ct);
        var conflicting = await port.PostAsync(Request(W1, W2, "NGN/2 101", "port-key", "port-ref-2"), Ct);

        Assert.True(first.IsSuccess, first.ToString());
        Assert.True(replay.IsSuccess, replay.ToString());
        Assert.Equal(first.Value.Id, replay.Value.Id);
        Assert.Equal(first.Value.Postings, replay.Value.Postings);
        var conflict = Assert.IsType<LedgerConflict>(conflicting.Error);
        Assert.Equal("idempotency_conflict", conflict.Code);
        Assert.Equal(900, (await VolumesAsync(ledger, W1))[Ngn].Balance);
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_request_is_a_conflict_and_writes_nothing()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, W1, 1_000);
        Ok(await Driver.CreateTransactionAsync(ledger, Transfer(W1, W2, 100), "idem-2", Ct));

        var other = await Driver.CreateTransactionAsync(ledger, Transfer(W1, W2, 101), "idem-2", Ct);

        Assert.Equal(LedgerErrorCodes.Conflict, other.Error?.Code);
        Assert.Equal(900, (await VolumesAsync(ledger, W1))[Ngn].Balance);
    }

    [Fact]
    public async Task A_duplicate_reference_is_a_conflict_and_writes_nothing()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, W1, 1_000);
        Ok(await Driver.CreateTransactionAsync(ledger, Transfer(W1, W2, 1, "ref-1"), null, Ct));

        var again = await Driver.CreateTransactionAsync(ledger, Transfer(W1, "wallets:w3:main", 2, "ref-1"), null, Ct);

        Assert.Equal(LedgerErrorCodes.Conflict, again.Error?.Code);
        Assert.Equal(999, (await VolumesAsync(ledger, W1))[Ngn].Balance);
    }

    // ---- revert ----

    [Fact]
    public async Task Revert_posts_the_reverse_marks_the_original_and_a_second_revert_is_already_revert()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, W1, 1_000);
        var paid = Ok(await Driver.CreateTransactionAsync(ledger, Transfer(W1, W2, 300), null, Ct));

        var reverted = Ok(await Driver.RevertTransactionAsync(ledger, paid.Id, force: false, Ct));
        var twice = await Driver.RevertTransactionAsync(ledger, paid.Id, force: false, Ct);

        Assert.Equal([new Posting(W2, W1, 300, Ngn)], reverted.Postings);
        Assert.True(reverted.Id > paid.Id);
        Assert.Equal(LedgerErrorCodes.AlreadyRevert, twice.Error?.Code);
        var original = Ok(await Driver.GetTransactionAsync(ledger, paid.Id, false, Ct));
        Assert.True(original.Reverted);
        Assert.NotNull(original.RevertedAt);
        Assert.Equal(1_000, (await VolumesAsync(ledger, W1))[Ngn].Balance);
        Assert.Equal(0, (await VolumesAsync(ledger, W2))[Ngn].Balance);
    }

    [Fact]
    public async Task A_revert_that_would_overdraw_is_insufficient_fund_unless_forced()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, W1, 1_000);
        var paid = Ok(await Driver.CreateTransactionAsync(ledger, Transfer(W1, W2, 300), null, Ct));
        Ok(await Driver.CreateTransactionAsync(ledger, Transfer(W2, "wallets:w3:main", 200), null, Ct));

        Assert.Equal(LedgerErrorCodes.InsufficientFund, (await Driver.RevertTransactionAsync(ledger, paid.Id, force: false, Ct)).Error?.Code);
        Assert.Equal(100, (await VolumesAsync(ledger, W2))[Ngn].Balance);

        Ok(await Driver.RevertTransactionAsync(ledger, paid.Id, force: true, Ct));
        Assert.Equal(-200, (await VolumesAsync(ledger, W2))[Ngn].Balance);
    }

    // Formance: a write's Idempotency-Key makes a replayed revert answer the original reverse
    // transaction (the OpenAPI file gives revert the header), which is what makes retrying a revert safe.
    [Fact]
    public async Task A_revert_replayed_with_its_idempotency_key_answers_the_original_revert()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, W1, 1_000);
        var paid = Ok(await Driver.CreateTransactionAsync(ledger, Transfer(W1, W2, 300), null, Ct));

        var reverted = Ok(await Driver.RevertTransactionAsync(ledger, paid.Id, false, Ct, idempotencyKey: "revert-key"));
        var replay = await Driver.RevertTransactionAsync(ledger, paid.Id, false, Ct, idempotencyKey: "revert-key");

        Assert.Equal(reverted.Id, Ok(replay).Id);
        Assert.Equal(1_000, (await VolumesAsync(ledger, W1))[Ngn].Balance);
    }

    [Fact]
    public async Task Reverting_an_unknown_transaction_is_not_found()
    {
        var ledger = await NewLedgerAsync();
        Assert.Equal(LedgerErrorCodes.NotFound, (await Driver.RevertTransactionAsync(ledger, 7, false, Ct)).Error?.Code);
    }

    // ---- metadata ----

    [Fact]
    public async Task Transaction_metadata_is_added_to_and_deleted_by_key()
    {
        var ledger = await NewLedgerAsync();
        var tx = await FundAsync(ledger, W1, 1_000);

        Ok(await Driver.SetTransactionMetadataAsync(ledger, tx.Id, Meta("a", "1", "b", "2"), Ct));
        Ok(await Driver.SetTransactionMetadataAsync(ledger, tx.Id, Meta("b", "3"), Ct));
        Ok(await Driver.DeleteTransactionMetadataAsync(ledger, tx.Id, "a", Ct));

        var read = Ok(await Driver.GetTransactionAsync(ledger, tx.Id, false, Ct));
        Assert.Equal(Meta("b", "3"), read.Metadata.ToDictionary());
        Assert.Equal(LedgerErrorCodes.NotFound, (await Driver.SetTransactionMetadataAsync(ledger, 99, Meta("x", "y"), Ct)).Error?.Code);
    }

    [Fact]
    public async Task Account_metadata_is_added_to_and_deleted_by_key_even_before_first_use()
    {
        var ledger = await NewLedgerAsync();
        const string fresh = "wallets:w9:main";

        Ok(await Driver.SetAccountMetadataAsync(ledger, fresh, Meta("owner", "u9", "tier", "1"), Ct));
        Ok(await Driver.DeleteAccountMetadataAsync(ledger, fresh, "tier", Ct));

        var account = Ok(await Driver.GetAccountAsync(ledger, fresh, null, false, Ct));
        Assert.Equal(fresh, account.Address);
        Assert.Equal(Meta("owner", "u9"), account.Metadata.ToDictionary());
    }

    [Fact]
    public async Task An_account_never_used_reads_as_empty()
    {
        var ledger = await NewLedgerAsync();
        var account = Ok(await Driver.GetAccountAsync(ledger, "wallets:nobody:main", null, true, Ct));
        Assert.Equal("wallets:nobody:main", account.Address);
        Assert.Empty(account.Metadata);
        Assert.True(account.Volumes is null || account.Volumes.Values.All(v => v.Balance == 0));
    }

    // ---- listings ----

    [Fact]
    public async Task Transactions_list_newest_first_across_pages_under_an_account_filter()
    {
        var ledger = await NewLedgerAsync();
        for (var i = 0; i < 7; i++)
            await FundAsync(ledger, $"wallets:w{i}:main", 100 + i, reference: $"fund-w{i}");
        for (var i = 0; i < 3; i++)
            await FundAsync(ledger, $"merchants:m{i}:main", 100);

        var pages = await PagesAsync(q => Driver.ListTransactionsAsync(ledger, q, Ct), Filter("$match", "account", "wallets:"), 3);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Data.Count));
        Assert.Equal([true, true, false], pages.Select(p => p.HasMore));
        Assert.All(pages, p => Assert.Equal(3, p.PageSize));
        Assert.Equal([6L, 5, 4, 3, 2, 1, 0], pages.SelectMany(p => p.Data).Select(t => t.Id));

        var merchants = await AllTransactionsAsync(ledger, Filter("$match", "destination", "merchants::main"));
        Assert.Equal([9L, 8, 7], merchants.Select(t => t.Id));
        var byReference = await AllTransactionsAsync(ledger, Filter("$match", "reference", "fund-w3"));
        Assert.Equal(3L, Assert.Single(byReference).Id);
    }

    [Fact]
    public async Task Accounts_list_across_pages_under_address_and_balance_filters()
    {
        var ledger = await NewLedgerAsync();
        for (var i = 0; i < 7; i++)
            await FundAsync(ledger, $"wallets:w{i}:main", 100 * (i + 1));
        await FundAsync(ledger, "wallets:w0:savings", 50);
        await FundAsync(ledger, "merchants:m0:main", 100);

        var pages = await PagesAsync(q => Driver.ListAccountsAsync(ledger, q, true, Ct), Filter("$match", "address", "wallets::main"), 3);
        var addresses = pages.SelectMany(p => p.Data).Select(a => a.Address).ToList();

        Assert.Equal([3, 3, 1], pages.Select(p => p.Data.Count));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"wallets:w{i}:main").Order(StringComparer.Ordinal), addresses.Order(StringComparer.Ordinal));
        Assert.True(addresses.SequenceEqual(addresses.Order(StringComparer.Ordinal)) || addresses.SequenceEqual(addresses.OrderDescending(StringComparer.Ordinal)),
            "accounts come in one address order across pages: " + string.Join(", ", addresses));
        Assert.Equal(100, pages[0].Data.Single(a => a.Address == "wallets:w0:main").Volumes?[Ngn].Balance);

        var rich = await AllAccountsAsync(ledger, Json("""{"$and": [{"$match": {"address": "wallets:"}}, {"$gte": {"balance[NGN/2]": 500}}]}"""));
        Assert.Equal(["wallets:w4:main", "wallets:w5:main", "wallets:w6:main"], rich.Order(StringComparer.Ordinal));
        var withOwner = await AllAccountsAsync(ledger, Json("""{"$exists": {"metadata": "owner"}}"""));
        Assert.Empty(withOwner);
    }

    [Fact]
    public async Task A_malformed_filter_is_a_validation_error()
    {
        var ledger = await NewLedgerAsync();
        var result = await Driver.ListAccountsAsync(ledger, new LedgerQuery(15, Json("""{"$nonsense": {"address": "x"}}""")), false, Ct);
        Assert.Equal(LedgerErrorCodes.Validation, result.Error?.Code);
    }

    // ---- balances ----

    [Fact]
    public async Task Aggregated_balances_sum_the_accounts_a_filter_matches_per_asset()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, W1, 1_000);
        await FundAsync(ledger, W2, 500);
        await FundAsync(ledger, W1, 700, "USD/2");
        Ok(await Driver.CreateTransactionAsync(ledger, Transfer(W1, "merchants:m1:main", 200), null, Ct));

        var wallets = Ok(await Driver.AggregateBalancesAsync(ledger, new LedgerQuery(Filter: Filter("$match", "address", "wallets:")), null, Ct));
        var everything = Ok(await Driver.AggregateBalancesAsync(ledger, new LedgerQuery(), null, Ct));
        var merchant = Ok(await Driver.AggregateBalancesAsync(ledger, new LedgerQuery(Filter: Filter("$match", "address", "merchants::main")), null, Ct));

        Assert.Equal(1_300, Balance(wallets, Ngn));
        Assert.Equal(700, Balance(wallets, "USD/2"));
        Assert.Equal(0, Balance(everything, Ngn));
        Assert.Equal(0, Balance(everything, "USD/2"));
        Assert.Equal(200, Balance(merchant, Ngn));
    }

    [Fact]
    public async Task Balances_at_a_point_in_time_count_only_transactions_dated_up_to_then()
    {
        var ledger = await NewLedgerAsync();
        var now = DateTimeOffset.UtcNow;
        Ok(await Driver.CreateTransactionAsync(ledger, Transfer("world", W1, 1_000) with { Timestamp = now.AddHours(-2) }, null, Ct));
        Ok(await Driver.CreateTransactionAsync(ledger, Transfer(W1, W2, 400) with { Timestamp = now.AddHours(-1) }, null, Ct));

        var before = Ok(await Driver.GetAccountAsync(ledger, W1, now.AddHours(-3), true, Ct));
        var between = Ok(await Driver.GetAccountAsync(ledger, W1, now.AddMinutes(-90), true, Ct));
        var after = Ok(await Driver.GetAccountAsync(ledger, W1, now.AddMinutes(-30), true, Ct));

        Assert.Equal(0, before.Volumes is { } v && v.TryGetValue(Ngn, out var b) ? b.Balance : 0);
        Assert.Equal(new Volumes(1_000, 0), between.Volumes?[Ngn]);
        Assert.Equal(new Volumes(1_000, 400), after.Volumes?[Ngn]);

        var wallets = new LedgerQuery(Filter: Filter("$match", "address", "wallets:"));
        Assert.Equal(1_000, Balance(Ok(await Driver.AggregateBalancesAsync(ledger, wallets, now.AddMinutes(-90), Ct)), Ngn));
        Assert.Equal(0, Balance(Ok(await Driver.AggregateBalancesAsync(ledger, new LedgerQuery(Filter: Filter("$match", "address", W2)), now.AddMinutes(-90), Ct)), Ngn));
        Assert.Equal(400, Balance(Ok(await Driver.AggregateBalancesAsync(ledger, new LedgerQuery(Filter: Filter("$match", "address", W2)), null, Ct)), Ngn));
    }

    // ---- the port's reads ----

    [Fact]
    public async Task The_port_finds_by_reference_and_reads_one_account_and_a_prefix()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, W1, 1_000);
        await FundAsync(ledger, W1, 300, "USD/2");
        var port = Driver.Port(ledger);

        var posted = await port.PostAsync(Request(W1, W2, "NGN/2 250", "find-key", "find-ref"), Ct);
        Assert.True(posted.IsSuccess, posted.ToString());

        var found = await port.FindByReferenceAsync("find-ref", Ct);
        Assert.Equal(posted.Value.Id, found?.Id);
        Assert.Equal("find-ref", found?.Reference);
        Assert.Equal("p2p", found?.Metadata["template"]);
        Assert.Null(await port.FindByReferenceAsync("no-such-ref", Ct));

        Assert.Equal(
            [new AccountBalance(new AccountAddress(W1), Ngn, 750), new AccountBalance(new AccountAddress(W1), "USD/2", 300)],
            await port.GetBalancesAsync(new AccountAddress(W1), Ct));
        Assert.Empty(await port.GetBalancesAsync(new AccountAddress("wallets:nobody:main"), Ct));

        var wallets = await ListAsync(port.ListBalancesAsync("wallets", Ct));
        Assert.Equal(
            [(W1, Ngn, new BigInteger(750)), (W1, "USD/2", new BigInteger(300)), (W2, Ngn, new BigInteger(250))],
            wallets.Select(b => (b.Address.Value, b.Asset, b.Balance)).Order());
        var all = await ListAsync(port.ListBalancesAsync("", Ct));
        Assert.Contains(all, b => b.Address.Value == "world");
        Assert.Equal(0, all.Where(b => b.Asset == Ngn).Aggregate(BigInteger.Zero, (s, b) => s + b.Balance));
    }

    [Fact]
    public async Task The_port_lists_balances_at_a_point_in_time_and_finds_a_transaction_by_id()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, W1, 1_000);
        var port = Driver.Port(ledger);
        var first = await port.PostAsync(Request(W1, W2, "NGN/2 250", "pit-key-1", "pit-ref-1"), Ct);
        Assert.True(first.IsSuccess, first.ToString());
        var found = await port.FindTransactionAsync(first.Value.Id, Ct);
        Assert.Equal(("pit-ref-1", first.Value.Timestamp), (found?.Reference, found?.Timestamp));
        Assert.Null(await port.FindTransactionAsync(first.Value.Id + 1_000, Ct));
        var second = await port.PostAsync(Request(W1, W2, "NGN/2 100", "pit-key-2", "pit-ref-2"), Ct);
        Assert.True(second.IsSuccess, second.ToString());

        var then = await ListAsync(port.ListBalancesAsync("wallets", found!.Timestamp, Ct));
        var now = await ListAsync(port.ListBalancesAsync("wallets", Ct));

        Assert.Equal([(W1, new BigInteger(750)), (W2, new BigInteger(250))], then.Select(b => (b.Address.Value, b.Balance)).Order());
        Assert.Equal([(W1, new BigInteger(650)), (W2, new BigInteger(350))], now.Select(b => (b.Address.Value, b.Balance)).Order());
    }

    // ---- templates through the port ----

    [Fact]
    public async Task A_catalog_filled_template_posts_through_the_port_with_its_exact_postings()
    {
        var ledger = await NewLedgerAsync();
        var call = new TemplateCall(TemplateNames.PayIn, new Dictionary<string, TemplateVar>
        {
            ["source"] = new TemplateVar.Account(new AccountAddress("banks:gtb:NGN")),
            ["wallet"] = new TemplateVar.Account(new AccountAddress(W1)),
            ["reserve"] = new TemplateVar.Account(new AccountAddress("wallets:w1:reserve")),
            ["amount"] = new TemplateVar.Monetary(new Money(Currency.NGN, 100_000)),
            ["fee"] = new TemplateVar.Monetary(new Money(Currency.NGN, 1_500)),
            ["reserve_amount"] = new TemplateVar.Monetary(new Money(Currency.NGN, 10_000)),
        });
        var filled = new NumscriptTemplateCatalog().Fill(call);
        Assert.True(filled.IsSuccess, filled.ToString());

        var posted = await Driver.Port(ledger).PostAsync(new LedgerRequest(filled.Value, "payin-key", "payin-ref", Meta("command", "payin")), Ct);

        Assert.True(posted.IsSuccess, posted.ToString());
        Assert.Equal(
            [("banks:gtb:NGN", W1, new BigInteger(100_000)), (W1, "revenue:fees", new BigInteger(1_500)), (W1, "wallets:w1:reserve", new BigInteger(10_000))],
            posted.Value.Postings.Select(p => (p.Source.Value, p.Destination.Value, p.Amount)));
        Assert.Equal(88_500, (await VolumesAsync(ledger, W1))[Ngn].Balance);
    }

    // ---- helpers ----

    // Not ToListAsync: System.Linq.Async (transitive) and .NET 10 both define it, ambiguously.
    protected static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
            list.Add(item);
        return list;
    }

    protected async Task<LedgerTransaction> FundAsync(string ledger, string account, BigInteger amount, string asset = Ngn, string? reference = null) =>
        Ok(await Driver.CreateTransactionAsync(ledger, new CreateTransaction([new Posting("world", account, amount, asset)], Reference: reference), null, Ct));

    protected static CreateTransaction Transfer(string from, string to, BigInteger amount, string? reference = null) =>
        new([new Posting(from, to, amount, Ngn)], Reference: reference);

    protected const string TransferPlain = """
        vars {
          account $from
          account $to
          monetary $amount
        }
        send $amount (
          source = $from
          destination = $to
        )
        set_tx_meta("template", "p2p")
        """;

    protected static TransactionScript TransferScript(string from, string to, string amount) =>
        new(TransferPlain, new Dictionary<string, string> { ["from"] = from, ["to"] = to, ["amount"] = amount });

    protected static LedgerRequest Request(string from, string to, string amount, string key, string reference) =>
        new(new TemplateScript("p2p", TransferPlain, new Dictionary<string, string> { ["from"] = from, ["to"] = to, ["amount"] = amount }),
            key, reference, Meta("command", key));

    protected static Dictionary<string, string> Meta(params string[] pairs) =>
        Enumerable.Range(0, pairs.Length / 2).ToDictionary(i => pairs[2 * i], i => pairs[2 * i + 1]);

    protected T Ok<T>(LedgerResult<T> result)
    {
        Assert.True(result.Succeeded, $"{Driver.Target}: {result.Error?.Code} {result.Error?.Message}");
        return result.Value;
    }

    protected async Task<IReadOnlyDictionary<string, Volumes>> VolumesAsync(string ledger, string address) =>
        Ok(await Driver.GetAccountAsync(ledger, address, null, true, Ct)).Volumes ?? new Dictionary<string, Volumes>();

    protected async Task<List<LedgerTransaction>> AllTransactionsAsync(string ledger, JsonElement? filter) =>
        (await PagesAsync(q => Driver.ListTransactionsAsync(ledger, q, Ct), filter, 100)).SelectMany(p => p.Data).ToList();

    protected async Task<List<string>> AllAccountsAsync(string ledger, JsonElement? filter) =>
        (await PagesAsync(q => Driver.ListAccountsAsync(ledger, q, false, Ct), filter, 100)).SelectMany(p => p.Data).Select(a => a.Address).ToList();

    /// <summary>Follows next cursors from the first page to the last (bounded, so a cursor loop fails instead of hanging).</summary>
    protected async Task<List<LedgerPage<T>>> PagesAsync<T>(Func<LedgerQuery, Task<LedgerResult<LedgerPage<T>>>> list, JsonElement? filter, int pageSize)
    {
        var pages = new List<LedgerPage<T>> { Ok(await list(new LedgerQuery(pageSize, filter))) };
        while (pages[^1].HasMore)
        {
            Assert.True(pages.Count < 50, "more than 50 pages: the cursor does not advance");
            Assert.NotNull(pages[^1].Next);
            pages.Add(Ok(await list(new LedgerQuery(pageSize, Cursor: pages[^1].Next))));
        }
        return pages;
    }

    protected static JsonElement Filter(string op, string field, object value) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, object> { [op] = new Dictionary<string, object> { [field] = value } });

    protected static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    protected static string Json(LedgerTransaction transaction) => JsonSerializer.Serialize(transaction, LedgerJson.Options);

    protected static BigInteger Balance(IReadOnlyDictionary<string, BigInteger> balances, string asset) =>
        balances.TryGetValue(asset, out var value) ? value : BigInteger.Zero;
}
