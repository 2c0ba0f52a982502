using System.Numerics;
using WalletFlow.Adapters.Ledger;

namespace WalletFlow.Tests.Integration.Ledger;

public class EmbeddedLedgerWriteTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private EmbeddedLedger Ledger => fixture.Ledger;

    private static CreateTransaction Transfer(string from, string to, BigInteger amount, string? reference = null) =>
        new([new Posting(from, to, amount, "NGN/2")], Reference: reference);

    [Fact]
    public async Task A_transfer_within_the_balance_posts_and_reports_volumes_before_and_after()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, "wallets:w1:main", 10_000);

        var result = await Ledger.CreateTransactionAsync(ledger, Transfer("wallets:w1:main", "wallets:w2:main", 2_500), null, Ct);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(1, result.Value.Id);
        Assert.Equal(new Volumes(10_000, 0), result.Value.PreCommitVolumes!["wallets:w1:main"]["NGN/2"]);
        Assert.Equal(new Volumes(10_000, 2_500), result.Value.PostCommitVolumes!["wallets:w1:main"]["NGN/2"]);
        Assert.Equal(new Volumes(2_500, 0), result.Value.PostCommitVolumes!["wallets:w2:main"]["NGN/2"]);
        Assert.Equal(7_500, await fixture.BalanceAsync(ledger, "wallets:w1:main"));
        Assert.Equal(2_500, await fixture.BalanceAsync(ledger, "wallets:w2:main"));
        Assert.Equal(0, await fixture.SumOfBalancesAsync(ledger));
    }

    [Fact]
    public async Task An_overdraft_is_refused_with_account_and_amounts_and_writes_nothing()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, "wallets:w1:main", 1_000);
        var rowsBefore = await RowCountsAsync(ledger);

        var result = await Ledger.CreateTransactionAsync(ledger, Transfer("wallets:w1:main", "wallets:w2:main", 1_001), "k-over", Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(LedgerErrorCodes.InsufficientFund, result.Error.Code);
        Assert.Equal("account 'wallets:w1:main' has insufficient funds of NGN/2: needed 1001, available 1000", result.Error.Message);
        Assert.Equal(rowsBefore, await RowCountsAsync(ledger));
    }

    [Fact]
    public async Task Funds_are_checked_posting_by_posting_in_order()
    {
        var ledger = await fixture.NewLedgerAsync();
        // The second posting would refill w1, but the first already overdraws it.
        var result = await Ledger.CreateTransactionAsync(ledger, new CreateTransaction([
            new Posting("wallets:w1:main", "wallets:w2:main", 5, "NGN/2"),
            new Posting("world", "wallets:w1:main", 5, "NGN/2"),
        ]), null, Ct);

        Assert.Equal(LedgerErrorCodes.InsufficientFund, result.Error?.Code);
    }

    [Fact]
    public async Task The_same_idempotency_key_and_request_answers_the_original_and_writes_once()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, "wallets:w1:main", 1_000);

        var first = await Ledger.CreateTransactionAsync(ledger, Transfer("wallets:w1:main", "wallets:w2:main", 100), "key-1", Ct);
        var replay = await Ledger.CreateTransactionAsync(ledger, Transfer("wallets:w1:main", "wallets:w2:main", 100), "key-1", Ct);

        Assert.True(replay.Succeeded, replay.Error?.Message);
        Assert.Equal(first.Value!.Id, replay.Value.Id);
        Assert.Equal(Json(first.Value), Json(replay.Value));
        Assert.Equal(900, await fixture.BalanceAsync(ledger, "wallets:w1:main"));
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_request_is_a_conflict()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, "wallets:w1:main", 1_000);
        await Ledger.CreateTransactionAsync(ledger, Transfer("wallets:w1:main", "wallets:w2:main", 100), "key-2", Ct);

        var other = await Ledger.CreateTransactionAsync(ledger, Transfer("wallets:w1:main", "wallets:w2:main", 101), "key-2", Ct);

        Assert.Equal(LedgerErrorCodes.Conflict, other.Error?.Code);
        Assert.Equal(900, await fixture.BalanceAsync(ledger, "wallets:w1:main"));
    }

    [Fact]
    public async Task A_duplicate_reference_is_a_conflict()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, "wallets:w1:main", 1_000);
        Assert.True((await Ledger.CreateTransactionAsync(ledger, Transfer("wallets:w1:main", "wallets:w2:main", 1, "ref-1"), null, Ct)).Succeeded);

        var again = await Ledger.CreateTransactionAsync(ledger, Transfer("wallets:w1:main", "wallets:w3:main", 2, "ref-1"), null, Ct);

        Assert.Equal(LedgerErrorCodes.Conflict, again.Error?.Code);
        Assert.Contains("ref-1", again.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revert_posts_the_reverse_and_a_second_revert_is_already_revert()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, "wallets:w1:main", 1_000);
        var paid = await Ledger.CreateTransactionAsync(ledger, Transfer("wallets:w1:main", "wallets:w2:main", 300), null, Ct);

        var reverted = await Ledger.RevertTransactionAsync(ledger, paid.Value!.Id, force: false, Ct);
        var twice = await Ledger.RevertTransactionAsync(ledger, paid.Value.Id, force: false, Ct);

        Assert.True(reverted.Succeeded, reverted.Error?.Message);
        Assert.Equal([new Posting("wallets:w2:main", "wallets:w1:main", 300, "NGN/2")], reverted.Value.Postings);
        Assert.Equal(LedgerErrorCodes.AlreadyRevert, twice.Error?.Code);
        Assert.Equal(1_000, await fixture.BalanceAsync(ledger, "wallets:w1:main"));
        Assert.Equal(0, await fixture.BalanceAsync(ledger, "wallets:w2:main"));
    }

    [Fact]
    public async Task A_revert_that_would_overdraw_is_refused_unless_forced()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, "wallets:w1:main", 1_000);
        var paid = await Ledger.CreateTransactionAsync(ledger, Transfer("wallets:w1:main", "wallets:w2:main", 300), null, Ct);
        await Ledger.CreateTransactionAsync(ledger, Transfer("wallets:w2:main", "wallets:w3:main", 200), null, Ct);

        var refused = await Ledger.RevertTransactionAsync(ledger, paid.Value!.Id, force: false, Ct);
        Assert.Equal(LedgerErrorCodes.InsufficientFund, refused.Error?.Code);
        Assert.Equal(100, await fixture.BalanceAsync(ledger, "wallets:w2:main"));

        var forced = await Ledger.RevertTransactionAsync(ledger, paid.Value.Id, force: true, Ct);
        Assert.True(forced.Succeeded, forced.Error?.Message);
        Assert.Equal(-200, await fixture.BalanceAsync(ledger, "wallets:w2:main"));
    }

    [Theory]
    [InlineData("wallets::main", "NGN/2", "1", "postings[0].source: invalid account address 'wallets::main'")]
    [InlineData("wallets:w1:main", "ngn", "1", "postings[0].asset: invalid asset 'ngn'")]
    [InlineData("wallets:w1:main", "NGN/2", "-1", "postings[0].amount: must not be negative (-1)")]
    public async Task Invalid_postings_are_validation_errors(string source, string asset, string amount, string message)
    {
        var ledger = await fixture.NewLedgerAsync();
        var result = await Ledger.CreateTransactionAsync(ledger,
            new CreateTransaction([new Posting(source, "wallets:w2:main", BigInteger.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), asset)]), null, Ct);

        Assert.Equal(LedgerErrorCodes.Validation, result.Error?.Code);
        Assert.Equal(message, result.Error!.Message);
    }

    [Fact]
    public async Task An_unknown_ledger_is_ledger_not_found()
    {
        var result = await Ledger.CreateTransactionAsync("nope", Transfer("world", "wallets:w1:main", 1), null, Ct);
        Assert.Equal(LedgerErrorCodes.LedgerNotFound, result.Error?.Code);
    }

    [Fact]
    public async Task Fifty_parallel_transfers_from_a_wallet_funded_for_twenty_leave_exactly_twenty_and_never_go_negative()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, "wallets:hot:main", 20 * 100);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            Ledger.CreateTransactionAsync(ledger, Transfer("wallets:hot:main", $"wallets:dest{i % 7}:main", 100), $"par-{i}", Ct))));

        Assert.Equal(20, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(LedgerErrorCodes.InsufficientFund, r.Error!.Code));
        Assert.Equal(0, await fixture.BalanceAsync(ledger, "wallets:hot:main"));
        Assert.Equal(0, await fixture.SumOfBalancesAsync(ledger));
    }

    [Fact]
    public async Task A_hundred_parallel_posts_with_one_key_make_one_transaction_and_a_hundred_identical_answers()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, "wallets:w1:main", 1_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() =>
            Ledger.CreateTransactionAsync(ledger, Transfer("wallets:w1:main", "wallets:w2:main", 10), "same-key", Ct))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Single(results.Select(r => Json(r.Value!)).Distinct());
        Assert.Equal(990, await fixture.BalanceAsync(ledger, "wallets:w1:main"));
    }

    private static string Json(LedgerTransaction t) => System.Text.Json.JsonSerializer.Serialize(t, LedgerJson.Options);

    private async Task<string> RowCountsAsync(string ledger)
    {
        await using var command = fixture.Database.DataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM ledger.transactions WHERE ledger = $1) || '/' ||
                   (SELECT count(*) FROM ledger.postings WHERE ledger = $1) || '/' ||
                   (SELECT count(*) FROM ledger.logs WHERE ledger = $1) || '/' ||
                   (SELECT count(*) FROM ledger.idempotency_keys WHERE ledger = $1) || '/' ||
                   (SELECT sum(input) || ':' || sum(output) FROM ledger.volumes WHERE ledger = $1)
            """);
        command.Parameters.AddWithValue(ledger);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}
