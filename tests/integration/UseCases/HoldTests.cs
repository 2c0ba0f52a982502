using WalletFlow.Core.Accounts;
using WalletFlow.Core.Holds;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.UseCases;

public sealed class HoldTests(UseCaseFixture fx) : IClassFixture<UseCaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Placing_a_hold_moves_the_amount_into_the_hold_account_and_opens_the_hold_once()
    {
        var wallet = await fx.OpenWalletAsync();
        await fx.FundAsync(wallet.WalletId, "1000.00");
        var key = Key();

        var placed = await fx.Get<PlaceHold>().RunAsync(new PlaceHoldRequest(key, wallet.WalletId, "300.00", "NGN"), Ct);

        Assert.True(placed.IsSuccess, placed.ToString());
        var holdId = HoldRules.DefaultHoldId(key);
        Assert.Equal(holdId, placed.Value.Attributes["holdId"]);
        Assert.Equal("300.00", placed.Value.Attributes["amount"]);
        var main = AccountAddresses.WalletMain(wallet.WalletId);
        var hold = AccountAddresses.WalletHold(wallet.WalletId, holdId);
        Assert.Equal([new Posting(main, hold, 30_000, "NGN/2")], placed.Value.Postings);
        Assert.Equal(70_000, await fx.BalanceAsync(main));
        Assert.Equal(30_000, await fx.BalanceAsync(hold));
        var row = Assert.Single(await fx.RowsAsync("SELECT * FROM walletflow.holds WHERE hold_id = $1", holdId));
        Assert.Equal(("generic", "open", 30_000L, 0L), ((string)row["kind"]!, (string)row["status"]!, (long)row["amount"]!, (long)row["fee"]!));
        await fx.AssertOutboxAsync(placed.Value, "hold", holdId, "HoldPlaced");
        Assert.Equal([(hold.Value, 30_000m, 30_000m), (main.Value, -30_000m, 70_000m)], await fx.StatementLinesAsync(placed.Value));
        Assert.Equal(70_000m, await fx.StatementBalanceAsync(main));

        await fx.AssertReplayAndConflictAsync(key, placed.Value,
            () => fx.Get<PlaceHold>().RunAsync(new PlaceHoldRequest(key, wallet.WalletId, "300.00", "NGN"), Ct),
            () => fx.Get<PlaceHold>().RunAsync(new PlaceHoldRequest(key, wallet.WalletId, "300.01", "NGN"), Ct));
        Assert.Equal(70_000, await fx.BalanceAsync(main));
        await fx.AssertBooksFootAsync();
    }

    [Fact]
    public async Task A_hold_over_the_available_balance_is_insufficient_funds_and_writes_nothing()
    {
        var wallet = await fx.OpenWalletAsync();
        await fx.FundAsync(wallet.WalletId, "100.00");
        var key = Key();

        var placed = await fx.Get<PlaceHold>().RunAsync(new PlaceHoldRequest(key, wallet.WalletId, "100.01", "NGN", "h_" + key.Value), Ct);

        var refused = Assert.IsType<InsufficientFunds>(placed.Error);
        Assert.Equal(AccountAddresses.WalletMain(wallet.WalletId).Value, refused.Account);
        Assert.Equal(10_001, refused.Needed);
        Assert.Equal(10_000, refused.Available);
        await fx.AssertNothingWrittenAsync(key, "hold-place");
        Assert.Equal(0, await fx.CountAsync("walletflow.holds", "hold_id = $1", "h_" + key.Value));
        Assert.Equal(10_000, await fx.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));
        Assert.Equal(10_000m, await fx.StatementBalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));
    }

    [Fact]
    public async Task Settling_a_hold_pays_all_of_it_to_the_counterparty_and_closes_it()
    {
        var wallet = await fx.OpenWalletAsync();
        await fx.FundAsync(wallet.WalletId, "1000.00");
        var holdId = NewId("h");
        Assert.True((await fx.Get<PlaceHold>().RunAsync(new PlaceHoldRequest(Key(), wallet.WalletId, "250.00", "NGN", holdId), Ct)).IsSuccess);
        var counterparty = NewId("cp");
        var key = Key();

        var settled = await fx.Get<SettleHold>().RunAsync(new SettleHoldRequest(key, holdId, counterparty, "250.00"), Ct);

        Assert.True(settled.IsSuccess, settled.ToString());
        var hold = AccountAddresses.WalletHold(wallet.WalletId, holdId);
        var cp = AccountAddresses.Counterparty(counterparty);
        Assert.Equal([new Posting(hold, cp, 25_000, "NGN/2")], settled.Value.Postings);
        Assert.Equal(0, await fx.BalanceAsync(hold));
        Assert.Equal(25_000, await fx.BalanceAsync(cp));
        Assert.Equal(75_000, await fx.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));
        var row = Assert.Single(await fx.RowsAsync("SELECT status, closed_by FROM walletflow.holds WHERE hold_id = $1", holdId));
        Assert.Equal(("settled", settled.Value.CommandId), ((string)row["status"]!, (string)row["closed_by"]!));
        await fx.AssertOutboxAsync(settled.Value, "hold", holdId, "HoldSettled");
        Assert.Equal([(hold.Value, -25_000m, 0m)], await fx.StatementLinesAsync(settled.Value));
        Assert.Equal(counterparty, settled.Value.Attributes["counterpartyId"]);

        await fx.AssertReplayAndConflictAsync(key, settled.Value,
            () => fx.Get<SettleHold>().RunAsync(new SettleHoldRequest(key, holdId, counterparty, "250"), Ct),
            () => fx.Get<SettleHold>().RunAsync(new SettleHoldRequest(key, holdId, "someone_else"), Ct));

        var again = Key();
        var twice = await fx.Get<SettleHold>().RunAsync(new SettleHoldRequest(again, holdId, counterparty), Ct);
        Assert.Equal(RejectionCodes.StateConflict, twice.Error?.Code);
        Assert.Equal("holdId", twice.Error?.Field);
        await fx.AssertNothingWrittenAsync(again, "hold-settle");
        await fx.AssertBooksFootAsync();
    }

    [Fact]
    public async Task A_partial_settle_is_refused_naming_the_amount_and_writes_nothing()
    {
        var wallet = await fx.OpenWalletAsync();
        await fx.FundAsync(wallet.WalletId, "100.00");
        var holdId = NewId("h");
        Assert.True((await fx.Get<PlaceHold>().RunAsync(new PlaceHoldRequest(Key(), wallet.WalletId, "60.00", "NGN", holdId), Ct)).IsSuccess);
        var key = Key();

        var settled = await fx.Get<SettleHold>().RunAsync(new SettleHoldRequest(key, holdId, "cp_1", "40.00"), Ct);

        Assert.Equal(RejectionCodes.InvalidRequest, settled.Error?.Code);
        Assert.Equal("amount", settled.Error?.Field);
        await fx.AssertNothingWrittenAsync(key, "hold-settle");
        Assert.Equal(6_000, await fx.BalanceAsync(AccountAddresses.WalletHold(wallet.WalletId, holdId)));
        Assert.Equal("open", (await fx.RowsAsync("SELECT status FROM walletflow.holds WHERE hold_id = $1", holdId))[0]["status"]);
    }

    [Fact]
    public async Task Releasing_a_hold_returns_it_to_the_wallet_once_and_an_unknown_hold_is_not_found()
    {
        var wallet = await fx.OpenWalletAsync();
        await fx.FundAsync(wallet.WalletId, "100.00");
        var holdId = NewId("h");
        Assert.True((await fx.Get<PlaceHold>().RunAsync(new PlaceHoldRequest(Key(), wallet.WalletId, "60.00", "NGN", holdId), Ct)).IsSuccess);
        var key = Key();

        var released = await fx.Get<ReleaseHold>().RunAsync(new ReleaseHoldRequest(key, holdId), Ct);

        Assert.True(released.IsSuccess, released.ToString());
        var main = AccountAddresses.WalletMain(wallet.WalletId);
        var hold = AccountAddresses.WalletHold(wallet.WalletId, holdId);
        Assert.Equal([new Posting(hold, main, 6_000, "NGN/2")], released.Value.Postings);
        Assert.Equal(10_000, await fx.BalanceAsync(main));
        Assert.Equal(0, await fx.BalanceAsync(hold));
        Assert.Equal("released", (await fx.RowsAsync("SELECT status FROM walletflow.holds WHERE hold_id = $1", holdId))[0]["status"]);
        await fx.AssertOutboxAsync(released.Value, "hold", holdId, "HoldReleased");
        Assert.Equal([(hold.Value, -6_000m, 0m), (main.Value, 6_000m, 10_000m)], await fx.StatementLinesAsync(released.Value));

        await fx.AssertReplayAndConflictAsync(key, released.Value,
            () => fx.Get<ReleaseHold>().RunAsync(new ReleaseHoldRequest(key, holdId), Ct),
            () => fx.Get<ReleaseHold>().RunAsync(new ReleaseHoldRequest(key, "other_hold"), Ct));

        var again = Key();
        Assert.Equal(RejectionCodes.StateConflict, (await fx.Get<ReleaseHold>().RunAsync(new ReleaseHoldRequest(again, holdId), Ct)).Error?.Code);
        await fx.AssertNothingWrittenAsync(again, "hold-release");

        var unknown = Key();
        var missing = Assert.IsType<NotFound>((await fx.Get<ReleaseHold>().RunAsync(new ReleaseHoldRequest(unknown, "no_such_hold"), Ct)).Error);
        Assert.Equal("holdId", missing.Field);
        await fx.AssertNothingWrittenAsync(unknown, "hold-release");
    }

    [Fact]
    public async Task Placing_a_second_hold_with_a_taken_hold_id_is_a_state_conflict_and_writes_nothing()
    {
        var wallet = await fx.OpenWalletAsync();
        await fx.FundAsync(wallet.WalletId, "100.00");
        var holdId = NewId("h");
        Assert.True((await fx.Get<PlaceHold>().RunAsync(new PlaceHoldRequest(Key(), wallet.WalletId, "10.00", "NGN", holdId), Ct)).IsSuccess);
        var key = Key();

        var second = await fx.Get<PlaceHold>().RunAsync(new PlaceHoldRequest(key, wallet.WalletId, "10.00", "NGN", holdId), Ct);

        Assert.Equal(RejectionCodes.StateConflict, second.Error?.Code);
        Assert.Equal("holdId", second.Error?.Field);
        await fx.AssertNothingWrittenAsync(key, "hold-place");
        Assert.Equal(1_000, await fx.BalanceAsync(AccountAddresses.WalletHold(wallet.WalletId, holdId)));
    }
}
