using System.Numerics;
using WalletFlow.Adapters.Ledger;

namespace WalletFlow.Tests.Integration.Ledger;

/// <summary>
/// Posting writes sent together go in groups (EmbeddedLedger.GroupCommit.cs, migration 0009); each
/// caller must still get exactly the answer it would get alone. These send many requests at once so
/// that groups form, with the outcomes a group must keep apart.
/// </summary>
public class EmbeddedLedgerGroupCommitTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private const string Ngn = "NGN/2";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private EmbeddedLedger Ledger => fixture.Ledger;

    [Fact]
    public async Task Parallel_posts_with_one_reference_write_one_transaction_and_the_rest_are_conflicts()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, "wallets:w1:main", 10_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            Ledger.CreateTransactionAsync(ledger, Transfer("wallets:w1:main", $"wallets:r{i}:main", 10, "one-ref"), null, Ct))));

        var written = Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(LedgerErrorCodes.Conflict, r.Error!.Code));
        Assert.Equal(9_990, await fixture.BalanceAsync(ledger, "wallets:w1:main"));
        Assert.Equal(10, await fixture.BalanceAsync(ledger, written.Value!.Postings[0].Destination));
        Assert.Equal(0, await fixture.SumOfBalancesAsync(ledger));
    }

    [Fact]
    public async Task Parallel_posts_to_new_accounts_and_refusals_among_them_leave_no_trace_of_the_refused()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, "wallets:w1:main", 500);

        // Even i: a payment the wallet can afford (5 × 100 in all); odd i: one from an empty new wallet.
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            Ledger.CreateTransactionAsync(ledger, i % 2 == 0
                ? Transfer("wallets:w1:main", $"wallets:new{i}:main", 100)
                : Transfer($"wallets:empty{i}:main", "wallets:w1:main", 1), null, Ct))));

        Assert.All(results.Where((_, i) => i % 2 == 0), r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.All(results.Where((_, i) => i % 2 == 1), r => Assert.Equal(LedgerErrorCodes.InsufficientFund, r.Error?.Code));
        Assert.Equal(0, await fixture.BalanceAsync(ledger, "wallets:w1:main"));
        // A refused write creates nothing, not even an empty volumes row or an account.
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM ledger.volumes WHERE ledger = $1 AND address LIKE 'wallets:empty%'", ledger));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM ledger.accounts WHERE ledger = $1 AND address LIKE 'wallets:empty%'", ledger));
        Assert.Equal(6, await CountAsync("SELECT count(*) FROM ledger.transactions WHERE ledger = $1", ledger));
        Assert.Equal(0, await fixture.SumOfBalancesAsync(ledger));
    }

    [Fact]
    public async Task Parallel_posts_with_a_few_shared_keys_write_once_per_key_and_answer_each_key_identically()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, "wallets:w1:main", 1_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(async () =>
            (Key: i % 3, Result: await Ledger.CreateTransactionAsync(ledger,
                Transfer("wallets:w1:main", $"wallets:k{i % 3}:main", 10 + (i % 3)), $"key-{i % 3}", Ct)))));

        Assert.All(results, r => Assert.True(r.Result.Succeeded, r.Result.Error?.Message));
        Assert.All(results.GroupBy(r => r.Key), key => Assert.Single(key.Select(r => Json(r.Result.Value!)).Distinct()));
        Assert.Equal(4, await CountAsync("SELECT count(*) FROM ledger.transactions WHERE ledger = $1", ledger));
        Assert.Equal(1_000 - 10 - 11 - 12, await fixture.BalanceAsync(ledger, "wallets:w1:main"));
    }

    private static CreateTransaction Transfer(string from, string to, BigInteger amount, string? reference = null) =>
        new([new Posting(from, to, amount, Ngn)], Reference: reference);

    private static string Json(LedgerTransaction t) => System.Text.Json.JsonSerializer.Serialize(t, LedgerJson.Options);

    private async Task<long> CountAsync(string sql, string ledger)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(ledger);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
