using WalletFlow.Core.Accounts;
using WalletFlow.Core.Pools;
using WalletFlow.Core.Ports;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.UseCases;

public sealed class PoolTests(UseCaseFixture fx) : IClassFixture<UseCaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Funding_a_pool_debits_the_pool_and_credits_the_bank_once()
    {
        var provider = NewId("gps");
        var bank = NewId("bank");
        var key = Key();

        var funded = await fx.Get<FundPool>().RunAsync(new FundPoolRequest(key, provider, bank, "5000.00", "NGN"), Ct);

        Assert.True(funded.IsSuccess, funded.ToString());
        var pool = new AccountAddress($"pools:{provider}:NGN");
        var bankAccount = new AccountAddress($"banks:{bank}:NGN");
        Assert.Equal([new Posting(pool, bankAccount, 500_000, "NGN/2")], funded.Value.Postings);
        Assert.Equal(-500_000, await fx.BalanceAsync(pool));
        Assert.Equal(500_000, await fx.BalanceAsync(bankAccount));
        await fx.AssertOutboxAsync(funded.Value, "pool", provider, "PoolFunded");
        Assert.Empty(await fx.StatementLinesAsync(funded.Value));
        Assert.Equal("5000.00", funded.Value.Attributes["amount"]);

        await fx.AssertReplayAndConflictAsync(key, funded.Value,
            () => fx.Get<FundPool>().RunAsync(new FundPoolRequest(key, provider, bank, "5000.00", "NGN"), Ct),
            () => fx.Get<FundPool>().RunAsync(new FundPoolRequest(key, provider, bank, "5000.00", "USD"), Ct));
        Assert.Equal(-500_000, await fx.BalanceAsync(pool));
        await fx.AssertBooksFootAsync();
    }

    [Fact]
    public async Task A_cross_currency_pool_transfer_moves_value_through_the_fx_position_at_the_rounded_down_rate()
    {
        var provider = NewId("gps");
        var key = Key();

        // 1000.00 NGN at 0.000655 is 0.655 USD: 0.65 arrives, half a cent is the residue.
        var moved = await fx.Get<TransferBetweenPools>().RunAsync(new PoolTransferRequest(key, provider, "1000.00", "NGN", "USD", "0.000655"), Ct);

        Assert.True(moved.IsSuccess, moved.ToString());
        var ngnPool = new AccountAddress($"pools:{provider}:NGN");
        var usdPool = new AccountAddress($"pools:{provider}:USD");
        var position = new AccountAddress("fx:NGN-USD");
        Assert.Equal([new Posting(position, ngnPool, 100_000, "NGN/2"), new Posting(usdPool, position, 65, "USD/2")], moved.Value.Postings);
        Assert.Equal(100_000, await fx.BalanceAsync(ngnPool));
        Assert.Equal(-65, await fx.BalanceAsync(usdPool, "USD/2"));
        Assert.Equal(("1000.00", "0.65", "0.005"), (moved.Value.Attributes["sellAmount"], moved.Value.Attributes["buyAmount"], moved.Value.Attributes["roundingResidue"]));
        await fx.AssertOutboxAsync(moved.Value, "pool", provider, "PoolTransferCompleted");
        Assert.Empty(await fx.StatementLinesAsync(moved.Value));

        await fx.AssertReplayAndConflictAsync(key, moved.Value,
            () => fx.Get<TransferBetweenPools>().RunAsync(new PoolTransferRequest(key, provider, "1000.00", "NGN", "USD", "0.000655"), Ct),
            () => fx.Get<TransferBetweenPools>().RunAsync(new PoolTransferRequest(key, provider, "1000.00", "NGN", "USD", "0.00066"), Ct));
        Assert.Equal(-65, await fx.BalanceAsync(usdPool, "USD/2"));
        await fx.AssertBooksFootAsync();
    }

    [Fact]
    public async Task A_pool_transfer_within_one_currency_is_rejected_naming_buy_currency_and_writes_nothing()
    {
        var key = Key();
        var moved = await fx.Get<TransferBetweenPools>().RunAsync(new PoolTransferRequest(key, "gps", "10.00", "NGN", "NGN", "1"), Ct);

        Assert.Equal("buyCurrency", moved.Error?.Field);
        await fx.AssertNothingWrittenAsync(key, "pool-transfer");
    }
}
