using WalletFlow.Core.Accounts;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Stablecoins;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.UseCases;

public sealed class StablecoinTests(UseCaseFixture fx) : IClassFixture<UseCaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Minting_credits_the_wallet_from_custody_and_burning_returns_it_to_custody()
    {
        var wallet = await fx.OpenWalletAsync("USDT");
        var network = NewId("tron");
        var key = Key();

        var minted = await fx.Get<MintStablecoin>().RunAsync(new MintStablecoinRequest(key, wallet.WalletId, network, "250.50", "USDT", "0xabc"), Ct);

        Assert.True(minted.IsSuccess, minted.ToString());
        var main = AccountAddresses.WalletMain(wallet.WalletId);
        var custody = new AccountAddress($"custody:{network}:USDT");
        Assert.Equal([new Posting(custody, main, 250_500_000, "USDT/6")], minted.Value.Postings);
        Assert.Equal(250_500_000, await fx.BalanceAsync(main, "USDT/6"));
        Assert.Equal(-250_500_000, await fx.BalanceAsync(custody, "USDT/6"));
        Assert.Equal(("250.500000", "0xabc"), (minted.Value.Attributes["amount"], minted.Value.Attributes["externalRef"]));
        await fx.AssertOutboxAsync(minted.Value, "wallet", wallet.WalletId, "StablecoinMinted");
        Assert.Equal([(main.Value, 250_500_000m, 250_500_000m)], await fx.StatementLinesAsync(minted.Value));
        await fx.AssertReplayAndConflictAsync(key, minted.Value,
            () => fx.Get<MintStablecoin>().RunAsync(new MintStablecoinRequest(key, wallet.WalletId, network, "250.50", "USDT", "0xabc"), Ct),
            () => fx.Get<MintStablecoin>().RunAsync(new MintStablecoinRequest(key, wallet.WalletId, network, "250.50", "USDT", "0xdef"), Ct));

        var burnKey = Key();
        var burned = await fx.Get<BurnStablecoin>().RunAsync(new BurnStablecoinRequest(burnKey, wallet.WalletId, network, "100", "USDT"), Ct);

        Assert.True(burned.IsSuccess, burned.ToString());
        Assert.Equal([new Posting(main, custody, 100_000_000, "USDT/6")], burned.Value.Postings);
        Assert.Equal(150_500_000, await fx.BalanceAsync(main, "USDT/6"));
        Assert.Equal(-150_500_000, await fx.BalanceAsync(custody, "USDT/6"));
        await fx.AssertOutboxAsync(burned.Value, "wallet", wallet.WalletId, "StablecoinBurned");
        Assert.Equal([(main.Value, -100_000_000m, 150_500_000m)], await fx.StatementLinesAsync(burned.Value));
        await fx.AssertReplayAndConflictAsync(burnKey, burned.Value,
            () => fx.Get<BurnStablecoin>().RunAsync(new BurnStablecoinRequest(burnKey, wallet.WalletId, network, "100", "USDT"), Ct),
            () => fx.Get<BurnStablecoin>().RunAsync(new BurnStablecoinRequest(burnKey, wallet.WalletId, network, "101", "USDT"), Ct));
        Assert.Equal(150_500_000m, await fx.StatementBalanceAsync(main, "USDT/6"));
        await fx.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Burning_more_than_the_wallet_has_is_insufficient_funds_and_writes_nothing()
    {
        var wallet = await fx.OpenWalletAsync("USDC");
        Assert.True((await fx.Get<MintStablecoin>().RunAsync(new MintStablecoinRequest(Key(), wallet.WalletId, "eth", "10", "USDC"), Ct)).IsSuccess);
        var key = Key();

        var burned = await fx.Get<BurnStablecoin>().RunAsync(new BurnStablecoinRequest(key, wallet.WalletId, "eth", "10.000001", "USDC"), Ct);

        var refused = Assert.IsType<InsufficientFunds>(burned.Error);
        Assert.Equal(10_000_001, refused.Needed);
        await fx.AssertNothingWrittenAsync(key, "stablecoin-burn");
        Assert.Equal(10_000_000, await fx.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId), "USDC/6"));
    }

    [Fact]
    public async Task Minting_a_currency_that_is_not_a_stablecoin_is_rejected_naming_currency()
    {
        var wallet = await fx.OpenWalletAsync("NGN");
        var key = Key();

        var minted = await fx.Get<MintStablecoin>().RunAsync(new MintStablecoinRequest(key, wallet.WalletId, "eth", "10", "NGN"), Ct);

        Assert.Equal((RejectionCodes.InvalidRequest, "currency"), (minted.Error?.Code, minted.Error?.Field));
        await fx.AssertNothingWrittenAsync(key, "stablecoin-mint");
    }
}
