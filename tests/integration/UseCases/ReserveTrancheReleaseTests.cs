using WalletFlow.Core.Accounts;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Reserves;
using WalletFlow.Core.Results;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.UseCases;

/// <summary>The maturity timer's per-tranche release: the same movement as a release by hand, one tranche at a time, each once.</summary>
public sealed class ReserveTrancheReleaseTests(UseCaseFixture fx) : IClassFixture<UseCaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A wallet whose owner keeps 10 % for <paramref name="holdDays"/> days, and its tranches (one per pay-in, oldest first).</summary>
    private async Task<(string WalletId, IReadOnlyList<string> Tranches)> WalletWithReserveAsync(int holdDays, params string[] payIns)
    {
        var owner = NewId("owner");
        var wallet = await fx.OpenWalletAsync(owner: owner);
        var policy = await fx.Get<SetReservePolicy>().RunAsync(new SetReservePolicyRequest(owner, 1000, holdDays), "test", Ct);
        Assert.True(policy.IsSuccess, policy.ToString());
        foreach (var amount in payIns)
            Assert.True((await fx.Get<PayIn>().RunAsync(new PayInRequest(Key(), wallet.WalletId, amount, "NGN", "banks:gtb", "ext"), Ct)).IsSuccess);
        var tranches = await fx.RowsAsync("SELECT tranche_id FROM walletflow.reserve_tranches WHERE wallet_id = $1 ORDER BY amount DESC", wallet.WalletId);
        return (wallet.WalletId, [.. tranches.Select(t => (string)t["tranche_id"]!)]);
    }

    private Task<Result<Core.Movements.MovementReceipt>> ReleaseAsync(string trancheId, Core.Movements.IdempotencyKey? key = null) =>
        fx.Get<ReleaseReserveTranche>().RunAsync(new ReleaseReserveTrancheRequest(key ?? ReserveMaturity.TrancheKey(trancheId), trancheId), Ct);

    [Fact]
    public async Task Releasing_one_tranche_moves_only_its_amount_and_marks_only_it_released()
    {
        var (walletId, tranches) = await WalletWithReserveAsync(0, "1000.00", "500.00");

        var released = await ReleaseAsync(tranches[0]);

        Assert.True(released.IsSuccess, released.ToString());
        var main = AccountAddresses.WalletMain(walletId);
        var reserve = AccountAddresses.WalletReserve(walletId);
        Assert.Equal([new Posting(reserve, main, 10_000, "NGN/2")], released.Value.Postings);
        Assert.Equal((145_000, 5_000), ((long)await fx.BalanceAsync(main), (long)await fx.BalanceAsync(reserve)));
        var rows = await fx.RowsAsync("SELECT tranche_id, released_by FROM walletflow.reserve_tranches WHERE wallet_id = $1", walletId);
        Assert.Equal(released.Value.CommandId, rows.Single(r => (string)r["tranche_id"]! == tranches[0])["released_by"]);
        Assert.Null(rows.Single(r => (string)r["tranche_id"]! == tranches[1])["released_by"]);
        Assert.Equal(tranches[0], released.Value.Attributes["tranches"]);
        await fx.AssertOutboxAsync(released.Value, "wallet", walletId, "ReserveReleased");
        Assert.Equal([(main.Value, 10_000m, 145_000m), (reserve.Value, -10_000m, 5_000m)], await fx.StatementLinesAsync(released.Value));

        // The same key replays the receipt; the other tranche is still there for its own release.
        var replay = await ReleaseAsync(tranches[0]);
        Assert.Equal(released.Value.CommandId, replay.Value.CommandId);
        Assert.True((await ReleaseAsync(tranches[1])).IsSuccess);
        Assert.Equal((150_000, 0), ((long)await fx.BalanceAsync(main), (long)await fx.BalanceAsync(reserve)));
        await fx.AssertBooksFootAsync();
    }

    [Fact]
    public async Task A_tranche_released_by_hand_is_refused_as_already_released_and_nothing_moves()
    {
        var (walletId, tranches) = await WalletWithReserveAsync(0, "1000.00");
        var byHand = await fx.Get<ReleaseReserve>().RunAsync(new ReleaseReserveRequest(Key(), walletId), Ct);
        Assert.True(byHand.IsSuccess, byHand.ToString());
        var key = ReserveMaturity.TrancheKey(tranches[0]);

        var again = await ReleaseAsync(tranches[0], key);

        var refused = Assert.IsType<ReserveTrancheAlreadyReleased>(again.Error);
        Assert.Equal((RejectionCodes.StateConflict, byHand.Value.CommandId), (refused.Code, refused.ReleasedBy));
        await fx.AssertNothingWrittenAsync(key, "reserve-release");
        Assert.Equal(0, await fx.BalanceAsync(AccountAddresses.WalletReserve(walletId)));
        Assert.Equal(100_000, await fx.BalanceAsync(AccountAddresses.WalletMain(walletId)));
    }

    [Fact]
    public async Task A_tranche_not_matured_yet_is_a_state_conflict_and_an_unknown_one_is_not_found()
    {
        var (walletId, tranches) = await WalletWithReserveAsync(30, "1000.00");
        var key = ReserveMaturity.TrancheKey(tranches[0]);

        var early = await ReleaseAsync(tranches[0], key);
        var unknown = await ReleaseAsync("rsv_missing");

        Assert.Equal((RejectionCodes.StateConflict, "trancheId"), (early.Error?.Code, early.Error?.Field));
        Assert.Equal((RejectionCodes.NotFound, "trancheId"), (unknown.Error?.Code, unknown.Error?.Field));
        await fx.AssertNothingWrittenAsync(key, "reserve-release");
        Assert.Equal(10_000, await fx.BalanceAsync(AccountAddresses.WalletReserve(walletId)));
    }

    [Fact]
    public async Task Concurrent_releases_by_tranche_and_by_wallet_move_each_tranche_once()
    {
        var (walletId, tranches) = await WalletWithReserveAsync(0, "1000.00", "600.00", "300.00");

        var calls = tranches.Select(t => (Func<Task<Result<Core.Movements.MovementReceipt>>>)(() => ReleaseAsync(t, Key())))
            .Append(() => fx.Get<ReleaseReserve>().RunAsync(new ReleaseReserveRequest(Key(), walletId), Ct))
            .Append(() => fx.Get<ReleaseReserve>().RunAsync(new ReleaseReserveRequest(Key(), walletId), Ct));
        var results = await Task.WhenAll(calls.Select(c => Task.Run(c, Ct)));

        // The successful releases together moved the reserve exactly once: 100.00 + 60.00 + 30.00.
        Assert.Equal(19_000, results.Where(r => r.IsSuccess).SelectMany(r => r.Value.Postings).Sum(p => (long)p.Amount));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(RejectionCodes.StateConflict, r.Error?.Code));
        Assert.Equal(0, await fx.BalanceAsync(AccountAddresses.WalletReserve(walletId)));
        Assert.Equal(190_000, await fx.BalanceAsync(AccountAddresses.WalletMain(walletId)));
        Assert.Equal(0m, await fx.StatementBalanceAsync(AccountAddresses.WalletReserve(walletId)));
        Assert.Equal(0, await fx.CountAsync("walletflow.reserve_tranches", "wallet_id = $1 AND released_by IS NULL", walletId));
        await fx.AssertBooksFootAsync();
    }
}
