using WalletFlow.Core.Accounts;
using WalletFlow.Core.Holds;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.UseCases;

public sealed class PayoutTests(UseCaseFixture fx) : IClassFixture<UseCaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string WalletId, string PayoutId)> HeldPayoutAsync(string amount = "400.00", string fee = "5.00")
    {
        var wallet = await fx.OpenWalletAsync();
        await fx.FundAsync(wallet.WalletId, "1000.00");
        var payoutId = NewId("po");
        var held = await fx.Get<HoldPayout>().RunAsync(new HoldPayoutRequest(Key(), payoutId, wallet.WalletId, amount, "NGN", fee), Ct);
        Assert.True(held.IsSuccess, held.ToString());
        return (wallet.WalletId, payoutId);
    }

    [Fact]
    public async Task Holding_a_payout_moves_its_amount_and_fee_into_the_payout_hold_once()
    {
        var wallet = await fx.OpenWalletAsync();
        await fx.FundAsync(wallet.WalletId, "1000.00");
        var payoutId = NewId("po");
        var key = Key();

        var held = await fx.Get<HoldPayout>().RunAsync(new HoldPayoutRequest(key, payoutId, wallet.WalletId, "400.00", "NGN", "5.00"), Ct);

        Assert.True(held.IsSuccess, held.ToString());
        var main = AccountAddresses.WalletMain(wallet.WalletId);
        var hold = AccountAddresses.WalletHold(wallet.WalletId, payoutId);
        Assert.Equal([new Posting(main, hold, 40_000, "NGN/2"), new Posting(main, hold, 500, "NGN/2")], held.Value.Postings);
        Assert.Equal(59_500, await fx.BalanceAsync(main));
        Assert.Equal(40_500, await fx.BalanceAsync(hold));
        var row = Assert.Single(await fx.RowsAsync("SELECT * FROM walletflow.holds WHERE hold_id = $1", payoutId));
        Assert.Equal(("payout", "open", 40_000L, 500L), ((string)row["kind"]!, (string)row["status"]!, (long)row["amount"]!, (long)row["fee"]!));
        await fx.AssertOutboxAsync(held.Value, "payout", payoutId, "PayoutFundsHeld");
        Assert.Equal([(hold.Value, 40_500m, 40_500m), (main.Value, -40_500m, 59_500m)], await fx.StatementLinesAsync(held.Value));
        Assert.Equal(("400.00", "5.00", payoutId), (held.Value.Attributes["amount"], held.Value.Attributes["fee"], held.Value.Attributes["holdId"]));

        await fx.AssertReplayAndConflictAsync(key, held.Value,
            () => fx.Get<HoldPayout>().RunAsync(new HoldPayoutRequest(key, payoutId, wallet.WalletId, "400.00", "NGN", "5.00"), Ct),
            () => fx.Get<HoldPayout>().RunAsync(new HoldPayoutRequest(key, payoutId, wallet.WalletId, "400.00", "NGN", "6.00"), Ct));
        Assert.Equal(59_500, await fx.BalanceAsync(main));
    }

    [Fact]
    public async Task A_payout_hold_over_the_available_balance_is_insufficient_funds_and_writes_nothing()
    {
        var wallet = await fx.OpenWalletAsync();
        await fx.FundAsync(wallet.WalletId, "100.00");
        var payoutId = NewId("po");
        var key = Key();

        // 100.00 covers the amount but not the fee on top of it.
        var held = await fx.Get<HoldPayout>().RunAsync(new HoldPayoutRequest(key, payoutId, wallet.WalletId, "100.00", "NGN", "0.50"), Ct);

        var refused = Assert.IsType<InsufficientFunds>(held.Error);
        Assert.Equal(AccountAddresses.WalletMain(wallet.WalletId).Value, refused.Account);
        await fx.AssertNothingWrittenAsync(key, "payout-hold");
        Assert.Equal(0, await fx.CountAsync("walletflow.holds", "hold_id = $1", payoutId));
        Assert.Equal(10_000, await fx.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));
        Assert.Equal(0, await fx.BalanceAsync(AccountAddresses.WalletHold(wallet.WalletId, payoutId)));
    }

    [Fact]
    public async Task Settling_a_payout_sends_the_amount_to_provider_clearing_and_the_fee_to_revenue()
    {
        var (walletId, payoutId) = await HeldPayoutAsync();
        var provider = NewId("prov");
        var key = Key();
        var revenueBefore = await fx.BalanceAsync(AccountAddresses.FeeRevenue);

        var settled = await fx.Get<SettlePayout>().RunAsync(new SettlePayoutRequest(key, payoutId, provider), Ct);

        Assert.True(settled.IsSuccess, settled.ToString());
        var hold = AccountAddresses.WalletHold(walletId, payoutId);
        var clearing = AccountAddresses.PayoutClearing(provider);
        Assert.Equal([new Posting(hold, clearing, 40_000, "NGN/2"), new Posting(hold, AccountAddresses.FeeRevenue, 500, "NGN/2")], settled.Value.Postings);
        Assert.Equal(0, await fx.BalanceAsync(hold));
        Assert.Equal(40_000, await fx.BalanceAsync(clearing));
        Assert.Equal(revenueBefore + 500, await fx.BalanceAsync(AccountAddresses.FeeRevenue));
        Assert.Equal(59_500, await fx.BalanceAsync(AccountAddresses.WalletMain(walletId)));
        Assert.Equal("settled", (await fx.RowsAsync("SELECT status FROM walletflow.holds WHERE hold_id = $1", payoutId))[0]["status"]);
        await fx.AssertOutboxAsync(settled.Value, "payout", payoutId, "PayoutSettled");
        Assert.Equal([(hold.Value, -40_500m, 0m)], await fx.StatementLinesAsync(settled.Value));

        await fx.AssertReplayAndConflictAsync(key, settled.Value,
            () => fx.Get<SettlePayout>().RunAsync(new SettlePayoutRequest(key, payoutId, provider), Ct),
            () => fx.Get<SettlePayout>().RunAsync(new SettlePayoutRequest(key, payoutId, "other_provider"), Ct));

        var release = Key();
        var late = await fx.Get<ReleasePayout>().RunAsync(new ReleasePayoutRequest(release, payoutId), Ct);
        Assert.Equal(RejectionCodes.StateConflict, late.Error?.Code);
        Assert.Equal("payoutId", late.Error?.Field);
        await fx.AssertNothingWrittenAsync(release, "payout-release");
        await fx.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Releasing_a_payout_returns_amount_and_fee_to_the_wallet_and_it_cannot_settle_afterwards()
    {
        var (walletId, payoutId) = await HeldPayoutAsync();
        var key = Key();

        var released = await fx.Get<ReleasePayout>().RunAsync(new ReleasePayoutRequest(key, payoutId), Ct);

        Assert.True(released.IsSuccess, released.ToString());
        var main = AccountAddresses.WalletMain(walletId);
        var hold = AccountAddresses.WalletHold(walletId, payoutId);
        Assert.Equal([new Posting(hold, main, 40_500, "NGN/2")], released.Value.Postings);
        Assert.Equal(100_000, await fx.BalanceAsync(main));
        Assert.Equal(0, await fx.BalanceAsync(hold));
        Assert.Equal("released", (await fx.RowsAsync("SELECT status FROM walletflow.holds WHERE hold_id = $1", payoutId))[0]["status"]);
        await fx.AssertOutboxAsync(released.Value, "payout", payoutId, "PayoutReleased");
        Assert.Equal([(hold.Value, -40_500m, 0m), (main.Value, 40_500m, 100_000m)], await fx.StatementLinesAsync(released.Value));
        Assert.Equal("405.00", released.Value.Attributes["released"]);

        await fx.AssertReplayAndConflictAsync(key, released.Value,
            () => fx.Get<ReleasePayout>().RunAsync(new ReleasePayoutRequest(key, payoutId), Ct),
            () => fx.Get<ReleasePayout>().RunAsync(new ReleasePayoutRequest(key, "po_other"), Ct));

        var settle = Key();
        Assert.Equal(RejectionCodes.StateConflict, (await fx.Get<SettlePayout>().RunAsync(new SettlePayoutRequest(settle, payoutId, "sandbox"), Ct)).Error?.Code);
        await fx.AssertNothingWrittenAsync(settle, "payout-settle");
    }

    [Fact]
    public async Task Payout_steps_refuse_unknown_payouts_and_generic_holds_and_generic_steps_refuse_payout_holds()
    {
        var unknown = Key();
        var missing = Assert.IsType<NotFound>((await fx.Get<SettlePayout>().RunAsync(new SettlePayoutRequest(unknown, "po_missing", "sandbox"), Ct)).Error);
        Assert.Equal("payoutId", missing.Field);
        await fx.AssertNothingWrittenAsync(unknown, "payout-settle");

        var wallet = await fx.OpenWalletAsync();
        await fx.FundAsync(wallet.WalletId, "100.00");
        var holdId = NewId("h");
        Assert.True((await fx.Get<PlaceHold>().RunAsync(new PlaceHoldRequest(Key(), wallet.WalletId, "10.00", "NGN", holdId), Ct)).IsSuccess);
        var asPayout = Key();
        Assert.Equal(RejectionCodes.StateConflict, (await fx.Get<SettlePayout>().RunAsync(new SettlePayoutRequest(asPayout, holdId, "sandbox"), Ct)).Error?.Code);
        await fx.AssertNothingWrittenAsync(asPayout, "payout-settle");

        var (_, payoutId) = await HeldPayoutAsync();
        var asGeneric = Key();
        Assert.Equal(RejectionCodes.StateConflict, (await fx.Get<ReleaseHold>().RunAsync(new ReleaseHoldRequest(asGeneric, payoutId), Ct)).Error?.Code);
        await fx.AssertNothingWrittenAsync(asGeneric, "hold-release");
    }

    [Fact]
    public async Task Concurrent_duplicates_of_a_payout_hold_post_one_movement_and_all_get_its_receipt()
    {
        var wallet = await fx.OpenWalletAsync();
        await fx.FundAsync(wallet.WalletId, "1000.00");
        var payoutId = NewId("po");
        var key = Key();
        var request = new HoldPayoutRequest(key, payoutId, wallet.WalletId, "100.00", "NGN", "1.00");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => fx.Get<HoldPayout>().RunAsync(request, Ct), Ct)));

        // A duplicate that arrives while the first is in flight is told so (409 with Retry-After), never posted twice.
        Assert.All(results, r => Assert.True(r.IsSuccess || r.Error is IdempotencyInProgress, r.ToString()));
        var first = results.First(r => r.IsSuccess).Value;
        Assert.All(results.Where(r => r.IsSuccess), r => Assert.Equal(first, r.Value, MovementReceiptComparer.Instance));
        var retried = await fx.Get<HoldPayout>().RunAsync(request, Ct);
        Assert.Equal(first, retried.Value, MovementReceiptComparer.Instance);
        Assert.Equal(1, await fx.CountAsync("ledger.transactions", "reference = $1", $"payout-hold:{key.Value}"));
        Assert.Equal(1, await fx.CountAsync("walletflow.outbox", "aggregate_id = $1", payoutId));
        Assert.Equal(89_900, await fx.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));
    }

    [Fact]
    public async Task Two_commands_holding_one_payout_at_once_hold_it_once()
    {
        var wallet = await fx.OpenWalletAsync();
        await fx.FundAsync(wallet.WalletId, "1000.00");
        var payoutId = NewId("po");

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(
            () => fx.Get<HoldPayout>().RunAsync(new HoldPayoutRequest(Key(), payoutId, wallet.WalletId, "100.00", "NGN"), Ct), Ct)));

        Assert.Single(results, r => r.IsSuccess);
        Assert.Single(results, r => r.Error?.Code == RejectionCodes.StateConflict);
        Assert.Equal(90_000, await fx.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));
        Assert.Equal(10_000, await fx.BalanceAsync(AccountAddresses.WalletHold(wallet.WalletId, payoutId)));
    }
}
