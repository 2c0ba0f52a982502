using Microsoft.DurableTask.Client;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;
using WalletFlow.Tests.Integration.UseCases;

namespace WalletFlow.Tests.Integration.Payouts;

/// <summary>The payout saga in the running host against the sandbox rail, one test per scripted outcome.</summary>
public sealed class PayoutSagaTests(PayoutHost host) : IClassFixture<PayoutHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Payout Payout, OrchestrationMetadata Done, string WalletId)> RunAsync(char lastDigit, string amount = "100.00", string fee = "1.50", string funds = "500.00")
    {
        var wallet = await host.FundedWalletAsync(funds);
        var payoutId = UseCaseFixture.NewId("po");
        var started = await host.Get<StartPayout>().RunAsync(new StartPayoutRequest(UseCaseFixture.Key(), payoutId, wallet.WalletId, amount, "NGN",
            "sandbox", "Ada Obi", "012345678" + lastDigit, "058", fee), Ct);
        Assert.True(started.IsSuccess, started.ToString());
        var done = await WaitAsync(payoutId);
        return ((await host.Get<IPayoutStore>().FindAsync(payoutId, Ct))!, done, wallet.WalletId);
    }

    private async Task<OrchestrationMetadata> WaitAsync(string payoutId)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            return await host.Durable.WaitForInstanceCompletionAsync(payoutId, getInputsAndOutputs: true, limit.Token);
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            var seen = await host.Durable.GetInstanceAsync(payoutId, getInputsAndOutputs: true, CancellationToken.None);
            var transitions = await host.Get<IPayoutStore>().TransitionsAsync(payoutId, CancellationToken.None);
            throw new TimeoutException($"Payout {payoutId} did not finish: {seen?.RuntimeStatus} {seen?.SerializedCustomStatus} {seen?.FailureDetails}; " +
                string.Join(" | ", transitions.Select(t => $"{t.Step}:{t.Status}:{t.Detail}")));
        }
    }

    [Fact]
    public async Task Instant_success_settles_the_hold_to_clearing_and_the_fee_to_revenue()
    {
        var (payout, done, walletId) = await RunAsync('1');

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(PayoutStatus.Settled, payout.Status);
        Assert.Equal(50_000 - 10_150, await host.BalanceAsync(AccountAddresses.WalletMain(walletId)));
        Assert.Equal(0, await host.BalanceAsync(AccountAddresses.WalletHold(walletId, payout.PayoutId)));
        Assert.Equal(["PayoutRequested", "PayoutFundsHeld", "PayoutHeld", "PayoutSubmitted", "PayoutSettled", "PayoutSettled"], await host.OutboxEventsAsync(payout.PayoutId));
    }

    [Fact]
    public async Task A_definitive_reject_releases_the_hold_back_to_the_wallet()
    {
        var (payout, _, walletId) = await RunAsync('2');

        Assert.Equal(PayoutStatus.Released, payout.Status);
        Assert.Equal(50_000, await host.BalanceAsync(AccountAddresses.WalletMain(walletId)));
    }

    [Fact]
    public async Task Pending_then_success_settles_after_requery()
    {
        var (payout, _, _) = await RunAsync('3');

        Assert.Equal(PayoutStatus.Settled, payout.Status);
        Assert.True(payout.Requeries >= 1);
    }

    [Fact]
    public async Task Pending_then_failure_releases_after_requery()
    {
        var (payout, _, walletId) = await RunAsync('4');

        Assert.Equal(PayoutStatus.Released, payout.Status);
        Assert.Equal(50_000, await host.BalanceAsync(AccountAddresses.WalletMain(walletId)));
    }

    [Fact]
    public async Task Insufficient_funds_is_rejected_with_no_hold_and_no_provider_call()
    {
        var (payout, done, walletId) = await RunAsync('1', amount: "600.00");

        Assert.Equal(PayoutStatus.Rejected, payout.Status);
        Assert.Equal(PayoutStatus.Rejected, done.ReadOutputAs<PayoutSagaResult>()!.Status);
        Assert.Equal(50_000, await host.BalanceAsync(AccountAddresses.WalletMain(walletId)));
        Assert.Equal(["PayoutRequested", "PayoutRejected"], await host.OutboxEventsAsync(payout.PayoutId));
    }
}
