using WalletFlow.Core.Accounts;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Reserves;
using WalletFlow.Core.Results;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.UseCases;

public sealed class ReserveReleaseTests(UseCaseFixture fx) : IClassFixture<UseCaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> WalletWithReserveAsync(int holdDays, params string[] payIns)
    {
        var owner = NewId("owner");
        await fx.RowsAsync("INSERT INTO walletflow.reserve_policies VALUES ($1, 1000, $2, now()) RETURNING owner_id", owner, holdDays);
        var wallet = await fx.OpenWalletAsync(owner: owner);
        foreach (var amount in payIns)
            Assert.True((await fx.Get<PayIn>().RunAsync(new PayInRequest(Key(), wallet.WalletId, amount, "NGN", "banks:gtb", "ext"), Ct)).IsSuccess);
        return wallet.WalletId;
    }

    [Fact]
    public async Task Releasing_moves_every_matured_tranche_back_to_the_wallet_once()
    {
        var walletId = await WalletWithReserveAsync(0, "1000.00", "500.00");
        var key = Key();

        var released = await fx.Get<ReleaseReserve>().RunAsync(new ReleaseReserveRequest(key, walletId), Ct);

        Assert.True(released.IsSuccess, released.ToString());
        var main = AccountAddresses.WalletMain(walletId);
        var reserve = AccountAddresses.WalletReserve(walletId);
        Assert.Equal([new Posting(reserve, main, 15_000, "NGN/2")], released.Value.Postings);
        Assert.Equal(150_000, await fx.BalanceAsync(main));
        Assert.Equal(0, await fx.BalanceAsync(reserve));
        var tranches = await fx.RowsAsync("SELECT tranche_id, released_by FROM walletflow.reserve_tranches WHERE wallet_id = $1 ORDER BY tranche_id", walletId);
        Assert.Equal(2, tranches.Count);
        Assert.All(tranches, t => Assert.Equal(released.Value.CommandId, t["released_by"]));
        Assert.Equal(("150.00", 2), (released.Value.Attributes["amount"], released.Value.Attributes["tranches"].Split(',').Length));
        await fx.AssertOutboxAsync(released.Value, "wallet", walletId, "ReserveReleased");
        Assert.Equal([(main.Value, 15_000m, 150_000m), (reserve.Value, -15_000m, 0m)], await fx.StatementLinesAsync(released.Value));

        await fx.AssertReplayAndConflictAsync(key, released.Value,
            () => fx.Get<ReleaseReserve>().RunAsync(new ReleaseReserveRequest(key, walletId), Ct),
            () => fx.Get<ReleaseReserve>().RunAsync(new ReleaseReserveRequest(key, "w_other"), Ct));

        var again = Key();
        var nothingLeft = await fx.Get<ReleaseReserve>().RunAsync(new ReleaseReserveRequest(again, walletId), Ct);
        Assert.Equal((RejectionCodes.StateConflict, "walletId"), (nothingLeft.Error?.Code, nothingLeft.Error?.Field));
        await fx.AssertNothingWrittenAsync(again, "reserve-release");
        await fx.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Nothing_matured_is_a_state_conflict_and_writes_nothing()
    {
        var walletId = await WalletWithReserveAsync(30, "1000.00");
        var key = Key();

        var released = await fx.Get<ReleaseReserve>().RunAsync(new ReleaseReserveRequest(key, walletId), Ct);

        Assert.Equal((RejectionCodes.StateConflict, "walletId"), (released.Error?.Code, released.Error?.Field));
        await fx.AssertNothingWrittenAsync(key, "reserve-release");
        Assert.Equal(10_000, await fx.BalanceAsync(AccountAddresses.WalletReserve(walletId)));
        Assert.Equal(1, await fx.CountAsync("walletflow.reserve_tranches", "wallet_id = $1 AND released_by IS NULL", walletId));
    }

    [Fact]
    public async Task Releasing_for_a_missing_wallet_is_not_found()
    {
        var key = Key();
        var released = await fx.Get<ReleaseReserve>().RunAsync(new ReleaseReserveRequest(key, "w_missing"), Ct);

        Assert.Equal((RejectionCodes.NotFound, "walletId"), (released.Error?.Code, released.Error?.Field));
        await fx.AssertNothingWrittenAsync(key, "reserve-release");
    }

    [Fact]
    public async Task Concurrent_releases_under_different_keys_release_each_tranche_once()
    {
        var walletId = await WalletWithReserveAsync(0, "1000.00", "1000.00", "1000.00");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(
            () => fx.Get<ReleaseReserve>().RunAsync(new ReleaseReserveRequest(Key(), walletId), Ct), Ct)));

        var released = Assert.Single(results, r => r.IsSuccess);
        Assert.Equal("300.00", released.Value.Attributes["amount"]);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(RejectionCodes.StateConflict, r.Error?.Code));
        Assert.Equal(0, await fx.BalanceAsync(AccountAddresses.WalletReserve(walletId)));
        Assert.Equal(300_000, await fx.BalanceAsync(AccountAddresses.WalletMain(walletId)));
        Assert.Equal(0m, await fx.StatementBalanceAsync(AccountAddresses.WalletReserve(walletId)));
    }
}
