using System.Collections.Concurrent;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Transfers;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.UseCases;

public sealed class TransferTests(UseCaseFixture fx) : IClassFixture<UseCaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string From, string To)> FundedPairAsync(string amount)
    {
        var from = await fx.OpenWalletAsync();
        var to = await fx.OpenWalletAsync();
        var paid = await fx.Get<PayIn>().RunAsync(new PayInRequest(Key(), from.WalletId, amount, "NGN", "banks:gtb", NewId("ext")), Ct);
        Assert.True(paid.IsSuccess, paid.ToString());
        return (from.WalletId, to.WalletId);
    }

    [Fact]
    public async Task A_transfer_with_a_fee_moves_the_amount_and_charges_the_fee_to_the_sender()
    {
        var (from, to) = await FundedPairAsync("100.00");

        var moved = await fx.Get<Transfer>().RunAsync(new TransferRequest(Key(), from, to, "40.00", "NGN", "0.50"), Ct);

        Assert.True(moved.IsSuccess, moved.ToString());
        var fromMain = AccountAddresses.WalletMain(from);
        var toMain = AccountAddresses.WalletMain(to);
        Assert.Equal([new Posting(fromMain, toMain, 4_000, "NGN/2"), new Posting(fromMain, AccountAddresses.FeeRevenue, 50, "NGN/2")], moved.Value.Postings);
        Assert.Equal(5_950, await fx.BalanceAsync(fromMain));
        Assert.Equal(4_000, await fx.BalanceAsync(toMain));
        var lines = await fx.RowsAsync("SELECT wallet_id, amount, balance_after FROM walletflow.statement_lines WHERE command_id = $1 ORDER BY wallet_id", moved.Value.CommandId);
        Assert.Equal(
            new[] { (from, -4_050m, 5_950m), (to, 4_000m, 4_000m) }.OrderBy(l => l.Item1, StringComparer.Ordinal),
            lines.Select(l => ((string)l["wallet_id"]!, (decimal)l["amount"]!, (decimal)l["balance_after"]!)));
        var outbox = Assert.Single(await fx.RowsAsync("SELECT event_type, aggregate_type, dedup_id FROM walletflow.outbox WHERE payload->>'commandId' = $1", moved.Value.CommandId));
        Assert.Equal(("TransferCompleted", "wallet"), ((string)outbox["event_type"]!, (string)outbox["aggregate_type"]!));
    }

    [Fact]
    public async Task A_transfer_over_the_available_balance_is_rejected_with_the_amounts_and_writes_nothing()
    {
        var (from, to) = await FundedPairAsync("10.00");
        var key = Key();
        var before = await fx.CountAsync("walletflow.outbox");

        var moved = await fx.Get<Transfer>().RunAsync(new TransferRequest(key, from, to, "10.01", "NGN"), Ct);

        var shortfall = Assert.IsType<InsufficientFunds>(moved.Error);
        Assert.Equal(AccountAddresses.WalletMain(from).Value, shortfall.Account);
        Assert.Equal(1_001, shortfall.Needed);
        Assert.Equal(1_000, shortfall.Available);
        Assert.Equal(0, await fx.CountAsync("walletflow.idempotency_claims", "idempotency_key = $1", key.Value));
        Assert.Equal(0, await fx.CountAsync("walletflow.commands", "idempotency_key = $1", key.Value));
        Assert.Equal(before, await fx.CountAsync("walletflow.outbox"));
        Assert.Equal(0, await fx.CountAsync("walletflow.statement_lines", "wallet_id = $1", to));
        Assert.Equal(1_000, await fx.BalanceAsync(AccountAddresses.WalletMain(from)));

        // Nothing was claimed, so the same key works once the wallet can pay.
        var retried = await fx.Get<Transfer>().RunAsync(new TransferRequest(key, from, to, "10.00", "NGN"), Ct);
        Assert.True(retried.IsSuccess, retried.ToString());
    }

    [Fact]
    public async Task One_hundred_concurrent_duplicates_make_one_movement_and_every_success_is_the_same_receipt()
    {
        var (from, to) = await FundedPairAsync("100.00");
        var key = Key();
        var answers = new ConcurrentBag<Result<MovementReceipt>>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 100), new ParallelOptions { MaxDegreeOfParallelism = 100, CancellationToken = Ct }, async (_, ct) =>
            answers.Add(await fx.Get<Transfer>().RunAsync(new TransferRequest(key, from, to, "1.00", "NGN"), ct)));

        Assert.All(answers, a => Assert.True(a.IsSuccess || a.Error.Code == RejectionCodes.IdempotencyInProgress, a.ToString()));
        var receipts = answers.Where(a => a.IsSuccess).Select(a => a.Value).ToList();
        Assert.NotEmpty(receipts);
        Assert.All(receipts, r => Assert.Equal(receipts[0], r, MovementReceiptComparer.Instance));
        Assert.Equal(1, await fx.CountAsync("walletflow.commands", "idempotency_key = $1", key.Value));
        Assert.Equal(1, await fx.CountAsync("walletflow.outbox", "payload->>'commandId' = $1", receipts[0].CommandId));
        Assert.Equal(9_900, await fx.BalanceAsync(AccountAddresses.WalletMain(from)));
        Assert.Equal(100, await fx.BalanceAsync(AccountAddresses.WalletMain(to)));

        // Once the first has finished, a duplicate always gets the stored receipt.
        var late = await fx.Get<Transfer>().RunAsync(new TransferRequest(key, from, to, "1.00", "NGN"), Ct);
        Assert.Equal(receipts[0], late.Value, MovementReceiptComparer.Instance);
    }

    [Fact]
    public async Task Concurrent_transfers_out_of_one_wallet_never_overdraw_it()
    {
        var (from, to) = await FundedPairAsync("20.00");
        var answers = new ConcurrentBag<Result<MovementReceipt>>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 50), new ParallelOptions { MaxDegreeOfParallelism = 50, CancellationToken = Ct }, async (_, ct) =>
            answers.Add(await fx.Get<Transfer>().RunAsync(new TransferRequest(Key(), from, to, "1.00", "NGN"), ct)));

        Assert.Equal(20, answers.Count(a => a.IsSuccess));
        Assert.All(answers.Where(a => !a.IsSuccess), a => Assert.IsType<InsufficientFunds>(a.Error));
        Assert.Equal(0, await fx.BalanceAsync(AccountAddresses.WalletMain(from)));
        Assert.Equal(2_000, await fx.BalanceAsync(AccountAddresses.WalletMain(to)));
        Assert.Equal(20, await fx.CountAsync("walletflow.statement_lines", "wallet_id = $1", to));
        Assert.All((await fx.AssetSumsAsync()).Values, sum => Assert.Equal(0, sum));
    }

    [Theory]
    [InlineData(null, "w2", "1.00", "NGN", "fromWalletId")]
    [InlineData("w1", "w1", "1.00", "NGN", "toWalletId")]
    [InlineData("w1", "bad id!", "1.00", "NGN", "toWalletId")]
    [InlineData("w1", "w2", "abc", "NGN", "amount")]
    [InlineData("w1", "w2", "1.00", "", "currency")]
    public async Task Malformed_transfers_are_rejected_naming_the_field(string? from, string? to, string amount, string currency, string field)
    {
        var moved = await fx.Get<Transfer>().RunAsync(new TransferRequest(Key(), from, to, amount, currency), Ct);

        Assert.False(moved.IsSuccess);
        Assert.Equal(field, moved.Error.Field);
    }
}
