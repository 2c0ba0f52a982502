using System.Net;
using System.Text.Json;
using WalletFlow.Adapters.Payments;
using WalletFlow.Core.Accounts;

namespace WalletFlow.Tests.Integration.Payouts;

/// <summary>
/// Money rule 3: a signed provider callback that repeats what the saga already knows (a repeated
/// "pending", or a genuine callback replayed inside its signature window) wakes nothing and spends none
/// of the requery budget; only news does. The requery waits here are an hour long, so every requery the
/// payout makes is one a callback woke.
/// </summary>
public sealed class RepeatedWebhookTests(PayoutHost host) : IClassFixture<PayoutHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Eight_repeated_pending_callbacks_spend_no_requery_and_the_news_that_follows_settles_it_with_one()
    {
        await host.StopAsync();
        await host.StartAsync("--Payouts:FirstRequeryDelay=01:00:00", "--Payouts:MaxRequeryDelay=01:00:00", "--Payouts:RequeryBudget=1.00:00:00",
            "--Payments:Sandbox:SettleAfterQueries=1");
        var wallet = await host.FundedWalletAsync("500.00");
        var payoutId = await PayoutCalls.StartAsync(host, wallet.WalletId, '3'); // pending; accepted on its first requery
        await PayoutCalls.WaitUntilAsync(host, payoutId, p => PayoutCalls.Step(p) == "wait-1" || p.GetProperty("requeries").GetInt32() > 0 || PayoutCalls.Ended(p));

        for (var i = 0; i < 8; i++)
            Assert.Equal(HttpStatusCode.NoContent, await PayoutCalls.CallbackAsync(host, payoutId, ProviderProtocol.Pending));
        // The saga takes the callbacks in order; it has looked at all eight once it counts them, or once one woke a requery.
        var afterBurst = await PayoutCalls.WaitUntilAsync(host, payoutId, p =>
            RepeatedWebhooks() >= 8 || p.GetProperty("requeries").GetInt32() > 0 || PayoutCalls.Ended(p));

        Assert.True(afterBurst.GetProperty("requeries").GetInt32() == 0, $"repeated callbacks spent the requery budget: {afterBurst}");
        Assert.Equal("Pending", PayoutCalls.Status(afterBurst));
        Assert.Equal("wait-1", PayoutCalls.Step(afterBurst));
        Assert.DoesNotContain(Rail().RequestsFor(payoutId), r => !r.IsSubmit);

        // News (a status the saga has not heard) still wakes it at once: one requery, which finds it paid.
        Assert.Equal(HttpStatusCode.NoContent, await PayoutCalls.CallbackAsync(host, payoutId, ProviderProtocol.Accepted, $"sbx-{payoutId}"));
        var payout = await PayoutCalls.WaitUntilAsync(host, payoutId, PayoutCalls.Ended);
        Assert.True(PayoutCalls.Status(payout) == "Settled", payout.ToString());
        Assert.Equal(1, payout.GetProperty("requeries").GetInt32());
        Assert.Equal(50_000 - 10_150, await host.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));

        int RepeatedWebhooks()
        {
            var status = host.Durable.GetInstanceAsync(payoutId, getInputsAndOutputs: true, Ct).GetAwaiter().GetResult()?.SerializedCustomStatus;
            if (status is null)
                return 0;
            using var json = JsonDocument.Parse(status);
            return json.RootElement.TryGetProperty("repeatedWebhooks", out var n) ? n.GetInt32() : 0;
        }
    }

    private Adapters.Payments.Sandbox.SandboxRail Rail() =>
        host.Get<Adapters.Payments.Sandbox.SandboxRailHost>().Rail ?? throw new InvalidOperationException("the sandbox rail is not running");
}
