using System.Collections.Concurrent;
using WalletFlow.Chaos;

namespace WalletFlow.Tests.Integration.Chaos;

/// <summary>
/// Issue 15 scope 6: two walletflow processes share one database and so one durable task hub. 1,000
/// instant-success payouts are started across both; one is SIGKILLed mid-run; the survivor takes over
/// the dead one's leased work once the leases run out and completes every payout, each settled once.
/// </summary>
[Collection(OneChaosRunAtATime.Name)]
public sealed class TwoHostsTests
{
    private const int Payouts = 1000;
    private const int PayoutsPerWallet = 5;

    [Fact]
    public async Task One_of_two_hosts_is_killed_mid_run_and_the_other_settles_all_1000_payouts_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var output = TestContext.Current.TestOutputHelper;
        // Each child: two pools of 15 and the durable store's own; both fit under the cluster's limit.
        await using var stage = await ChaosStage.StartAsync(maxConnections: 160);
        var doomedSettings = stage.Settings(maxPoolSize: 15);
        var survivorSettings = stage.Settings(maxPoolSize: 15); // the rail's callbacks go to the survivor
        var doomed = await stage.StartHostAsync(doomedSettings);
        await using var survivor = await stage.StartHostAsync(survivorSettings);
        // A client of each host; a request the dead host cannot answer is retried, same key, on the other.
        using var viaDoomed = new ChaosClient(doomedSettings.AdminKeyPath, doomedSettings.BaseAddress, survivorSettings.BaseAddress);
        using var viaSurvivor = new ChaosClient(survivorSettings.AdminKeyPath, survivorSettings.BaseAddress, doomedSettings.BaseAddress);

        var wallets = Enumerable.Range(0, Payouts / PayoutsPerWallet).Select(w => $"w2h-{w:D4}").ToArray();
        await Parallel.ForEachAsync(wallets, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (wallet, _) => await ChaosStage.OpenFundedWalletAsync(viaSurvivor, wallet, "100.00"));
        var payouts = Enumerable.Range(0, Payouts).Select(i => (PayoutId: $"p2h-{i:D4}", Wallet: wallets[i % wallets.Length], ViaDoomed: i % 2 == 0)).ToArray();

        var accepted = new ConcurrentQueue<string>();
        var starting = Parallel.ForEachAsync(payouts, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (p, _) =>
        {
            await ChaosStage.StartPayoutAsync(p.ViaDoomed ? viaDoomed : viaSurvivor, p.PayoutId, p.Wallet, '1');
            accepted.Enqueue(p.PayoutId);
        });

        await ChaosStage.EventuallyAsync(() => Task.FromResult(accepted.Count), n => n >= Payouts / 3, "a third of the payouts accepted");
        var leasedByDoomed = await stage.CountAsync(
            "SELECT (SELECT count(*) FROM durable.instances WHERE lock_owner LIKE '%:' || $1 || ':%') + (SELECT count(*) FROM durable.new_tasks WHERE lock_owner LIKE '%:' || $1 || ':%')",
            doomed.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        doomed.Kill();
        var unsettledAtKill = await stage.CountAsync("SELECT count(*) FROM walletflow.payouts WHERE status <> 'Settled'");
        output?.WriteLine($"at the kill: {accepted.Count} payouts accepted, {unsettledAtKill} of those in the table unsettled, {leasedByDoomed} instances and activities leased by the killed host");
        Assert.True(unsettledAtKill > 0, "every payout had settled before the kill: the survivor had nothing to take over");
        Assert.True(leasedByDoomed > 0, "the killed host held no lease at the kill: nothing had to wait for a lease to run out");
        await doomed.DisposeAsync();
        await starting;

        var ids = payouts.Select(p => p.PayoutId).ToArray();
        await ChaosStage.EventuallyAsync(() => stage.CountAsync("SELECT count(*) FROM walletflow.payouts WHERE payout_id = ANY($1) AND status = 'Settled'", ids),
            n => n == Payouts, "every payout settled by the surviving host", TimeSpan.FromMinutes(4));

        Assert.False(survivor.HasExited);
        // Each paid once by the rail, each settled once in the ledger, and the books still balance.
        Assert.All(ids, id => Assert.Equal("accepted", stage.Rail.Find(id)?.Status));
        var invariants = await ChaosInvariants.CheckAsync(stage.Db, viaSurvivor, stage.Rail, [], ids, ct);
        foreach (var invariant in invariants)
            output?.WriteLine($"{invariant.Violations} / {invariant.Checked} {invariant.Name} {string.Join("; ", invariant.Examples)}");
        Assert.All(invariants, i => Assert.True(i.Violations == 0, $"{i.Name}: {i.Violations} ({string.Join("; ", i.Examples)})"));
        Assert.Equal(Payouts, await stage.CountAsync(
            "SELECT count(DISTINCT reference) FROM ledger.transactions WHERE reference LIKE 'payout-settle:%'"));
    }
}
