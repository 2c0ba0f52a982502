using WalletFlow.Core.Accounts;
using WalletFlow.Core.Counterparties;
using WalletFlow.Core.Holds;
using WalletFlow.Core.Ports;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.UseCases;

public sealed class CounterpartySettlementTests(UseCaseFixture fx) : IClassFixture<UseCaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Settling_what_we_owe_a_counterparty_pays_it_from_the_bank()
    {
        var wallet = await fx.OpenWalletAsync();
        await fx.FundAsync(wallet.WalletId, "500.00");
        var counterparty = NewId("cp");
        var holdId = NewId("h");
        Assert.True((await fx.Get<PlaceHold>().RunAsync(new PlaceHoldRequest(Key(), wallet.WalletId, "300.00", "NGN", holdId), Ct)).IsSuccess);
        Assert.True((await fx.Get<SettleHold>().RunAsync(new SettleHoldRequest(Key(), holdId, counterparty), Ct)).IsSuccess);
        var bank = NewId("bank");
        var key = Key();

        var settled = await fx.Get<SettleCounterparty>().RunAsync(new SettleCounterpartyRequest(key, counterparty, bank, "300.00", "NGN"), Ct);

        Assert.True(settled.IsSuccess, settled.ToString());
        var cp = AccountAddresses.Counterparty(counterparty);
        var bankAccount = new AccountAddress($"banks:{bank}:NGN");
        Assert.Equal([new Posting(cp, bankAccount, 30_000, "NGN/2")], settled.Value.Postings);
        Assert.Equal(0, await fx.BalanceAsync(cp));
        Assert.Equal(30_000, await fx.BalanceAsync(bankAccount));
        await fx.AssertOutboxAsync(settled.Value, "counterparty", counterparty, "CounterpartySettled");
        Assert.Empty(await fx.StatementLinesAsync(settled.Value));

        await fx.AssertReplayAndConflictAsync(key, settled.Value,
            () => fx.Get<SettleCounterparty>().RunAsync(new SettleCounterpartyRequest(key, counterparty, bank, "300.00", "NGN"), Ct),
            () => fx.Get<SettleCounterparty>().RunAsync(new SettleCounterpartyRequest(key, counterparty, bank, "299.99", "NGN"), Ct));
        Assert.Equal(0, await fx.BalanceAsync(cp));
        await fx.AssertBooksFootAsync();
    }
}
