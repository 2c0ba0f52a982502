using Npgsql;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Payouts;

namespace WalletFlow.Tests.Integration.Payouts;

/// <summary>
/// Money rule 4: a saga whose orchestration completed while its payout is not terminal (the final
/// transition never landed) is re-driven by the sweeper, its ended instance replaced in one start; the
/// idempotent steps make that safe: nothing moves twice.
/// </summary>
public sealed class CompletedSagaRedriveTests(PayoutHost host) : IClassFixture<PayoutHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_completed_saga_whose_payout_is_not_terminal_is_re_driven_and_settles_once()
    {
        // The background sweep runs only at start-up here, so this test's sweep is the one that finds the payout.
        await host.StopAsync();
        await host.StartAsync("--Payouts:SweepInterval=1.00:00:00");
        var wallet = await host.FundedWalletAsync("500.00");
        var payoutId = await PayoutCalls.StartAsync(host, wallet.WalletId, '1');
        await host.Durable.WaitForInstanceCompletionAsync(payoutId, Ct);
        await using (var rewind = host.Db.CreateCommand("UPDATE walletflow.payouts SET status = 'Submitted' WHERE payout_id = $1"))
        {
            rewind.Parameters.Add(new NpgsqlParameter { Value = payoutId });
            Assert.Equal(1, await rewind.ExecuteNonQueryAsync(Ct)); // the settle's transition "never landed"
        }

        var redriven = await host.Get<RedriveStalledPayouts>().RunAsync(Ct);

        Assert.Contains(payoutId, redriven);
        var payout = await PayoutCalls.WaitUntilAsync(host, payoutId, PayoutCalls.Ended);
        Assert.True(PayoutCalls.Status(payout) == "Settled", payout.ToString());
        Assert.Equal("Completed", payout.GetProperty("orchestration").GetString());
        Assert.Equal(50_000 - 10_150, await host.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));
        Assert.Equal(0, await host.BalanceAsync(AccountAddresses.WalletHold(wallet.WalletId, payoutId)));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM ledger.transactions WHERE reference = 'payout-settle:payout:' || $1 || ':settle'", payoutId));
        var events = await host.OutboxEventsAsync(payoutId);
        Assert.Single(events, e => e == "PayoutFundsHeld");
        Assert.Single(events, e => e == "PayoutSettled");
        Assert.Empty(await host.Get<RedriveStalledPayouts>().RunAsync(Ct));
    }

    private async Task<long> CountAsync(string sql, string payoutId)
    {
        await using var command = host.Db.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = payoutId });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
