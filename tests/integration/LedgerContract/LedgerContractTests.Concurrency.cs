using WalletFlow.Adapters.Ledger;
using WalletFlow.Core.Ports;

namespace WalletFlow.Tests.Integration.LedgerContract;

public abstract partial class LedgerContractTests
{
    // ---- concurrency (issue 6's acceptance) ----

    private const string Hot = "wallets:hot:main";

    /// <summary>
    /// 50 transfers of 100 at once out of a wallet holding 2,000: exactly 20 go through, the other 30
    /// are INSUFFICIENT_FUND, no answer ever shows the wallet below zero, and each asset sums to zero.
    /// </summary>
    [Fact]
    public async Task Fifty_parallel_transfers_from_a_wallet_funded_for_twenty_leave_exactly_twenty_and_never_go_negative()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, Hot, 20 * 100);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            Driver.CreateTransactionAsync(ledger, Transfer(Hot, $"wallets:dest{i % 7}:main", 100), $"par-{i}", Ct))));

        Assert.Equal(20, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(LedgerErrorCodes.InsufficientFund, r.Error!.Code));
        Assert.All(results.Where(r => r.Succeeded), r => Assert.True(r.Value!.PostCommitVolumes![Hot][Ngn].Balance >= 0));
        Assert.Equal(20, results.Where(r => r.Succeeded).Select(r => r.Value!.PostCommitVolumes![Hot][Ngn].Balance).Distinct().Count());
        Assert.Equal(new Volumes(2_000, 2_000), (await VolumesAsync(ledger, Hot))[Ngn]);
        Assert.Equal(21, (await AllTransactionsAsync(ledger, null)).Count);
        await AssertBooksFootAsync(ledger);
    }

    /// <summary>The same through the port, with the transfer script the use cases post: 20 of 50, never below zero.</summary>
    [Fact]
    public async Task Through_the_port_fifty_parallel_transfers_from_a_wallet_funded_for_twenty_leave_exactly_twenty()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, Hot, 20 * 100);
        var port = Driver.Port(ledger);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            port.PostAsync(Request(Hot, $"wallets:dest{i % 7}:main", "NGN/2 100", $"port-par-{i}", $"port-par-{i}"), Ct))));

        Assert.Equal(20, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.IsType<InsufficientFunds>(r.Error));
        Assert.Equal(new Volumes(2_000, 2_000), (await VolumesAsync(ledger, Hot))[Ngn]);
        Assert.Equal(21, (await AllTransactionsAsync(ledger, null)).Count);
        await AssertBooksFootAsync(ledger);
    }

    /// <summary>100 identical posts at once under one idempotency key: one transaction, 100 identical answers.</summary>
    [Fact]
    public async Task A_hundred_parallel_posts_with_one_key_make_one_transaction_and_a_hundred_identical_answers()
    {
        var ledger = await NewLedgerAsync();
        await FundAsync(ledger, W1, 1_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() =>
            Driver.CreateTransactionAsync(ledger, Transfer(W1, W2, 10, "same-ref"), "same-key", Ct))));

        Assert.All(results, r => Assert.True(r.Succeeded, $"{Driver.Target}: {r.Error?.Code} {r.Error?.Message}"));
        Assert.Single(results.Select(r => Json(r.Value!)).Distinct());
        Assert.Equal(2, (await AllTransactionsAsync(ledger, null)).Count);
        Assert.Equal(990, (await VolumesAsync(ledger, W1))[Ngn].Balance);
        await AssertBooksFootAsync(ledger);
    }

    /// <summary>Every asset of the ledger sums to zero over all its accounts.</summary>
    protected async Task AssertBooksFootAsync(string ledger)
    {
        var sums = Ok(await Driver.AggregateBalancesAsync(ledger, new LedgerQuery(), null, Ct));
        Assert.NotEmpty(sums);
        Assert.All(sums, s => Assert.True(s.Value.IsZero, $"{Driver.Target}: {s.Key} sums to {s.Value}, not zero"));
    }
}
