using Npgsql;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Ports;

namespace WalletFlow.Tests.Integration.Payouts;

/// <summary>
/// Money rule 1 (design.md §7: money is never released while the provider's state is ambiguous): once a
/// submit may have been sent, the provider's configuration changing under a restart is not the provider
/// saying no. The restart loses the saga (in-memory backend); the sweeper re-drives it into a submit that
/// can no longer find a provider for the payout.
/// </summary>
public sealed class SubmittedPayoutProviderChangeTests(PayoutHost host) : IClassFixture<PayoutHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_submit_a_restart_with_the_providers_currencies_edited_ends_in_manual_review_with_the_hold_kept()
    {
        var wallet = await host.FundedWalletAsync("500.00");
        var payoutId = await PayoutCalls.StartAsync(host, wallet.WalletId, '5'); // the sandbox never answers: the money may have left
        await PayoutCalls.WaitUntilAsync(host, payoutId, p => PayoutCalls.Status(p) == "Ambiguous");

        await host.StopAsync();
        await host.StartAsync("--Payments:Providers:sandbox:Currencies=KES", "--Payouts:SweepInterval=00:00:01",
            "--Payments:Providers:sandbox:SubmitTimeout=00:00:00.300", "--Payments:Providers:sandbox:QueryTimeout=00:00:00.300");
        var payout = await PayoutCalls.WaitUntilAsync(host, payoutId, PayoutCalls.Ended);

        Assert.True(PayoutCalls.Status(payout) == "ManualReview", payout.ToString());
        Assert.Equal(50_000 - 10_150, await host.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));
        Assert.Equal(10_150, await host.BalanceAsync(AccountAddresses.WalletHold(wallet.WalletId, payoutId)));
        Assert.Null(await host.Get<ILedger>().FindByReferenceAsync($"payout-release:payout:{payoutId}:release", Ct));
        Assert.Equal("open", await HoldStatusAsync(payoutId));
        var events = await host.OutboxEventsAsync(payoutId);
        Assert.DoesNotContain("PayoutReleased", events);
        Assert.Contains("PayoutDeadLettered", events);
    }

    private async Task<string?> HoldStatusAsync(string holdId)
    {
        await using var command = host.Db.CreateCommand("SELECT status FROM walletflow.holds WHERE hold_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = holdId });
        return (string?)await command.ExecuteScalarAsync(Ct);
    }
}
