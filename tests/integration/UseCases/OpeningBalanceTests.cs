using WalletFlow.Core.Accounts;
using WalletFlow.Core.Migration;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.UseCases;

public sealed class OpeningBalanceTests(UseCaseFixture fx) : IClassFixture<UseCaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_opening_balance_credits_the_wallet_against_migration_equity_once()
    {
        var wallet = await fx.OpenWalletAsync("KWD");
        var key = Key();

        var opened = await fx.Get<PostOpeningBalance>().RunAsync(new OpeningBalanceRequest(key, wallet.WalletId, "12.345", "KWD", "legacy-77"), Ct);

        Assert.True(opened.IsSuccess, opened.ToString());
        var main = AccountAddresses.WalletMain(wallet.WalletId);
        Assert.Equal([new Posting(AccountAddresses.MigrationEquity, main, 12_345, "KWD/3")], opened.Value.Postings);
        Assert.Equal(12_345, await fx.BalanceAsync(main, "KWD/3"));
        Assert.Equal(-12_345, await fx.BalanceAsync(AccountAddresses.MigrationEquity, "KWD/3"));
        Assert.Equal(("12.345", "legacy-77"), (opened.Value.Attributes["amount"], opened.Value.Attributes["legacyRef"]));
        await fx.AssertOutboxAsync(opened.Value, "wallet", wallet.WalletId, "OpeningBalancePosted");
        Assert.Equal([(main.Value, 12_345m, 12_345m)], await fx.StatementLinesAsync(opened.Value));

        await fx.AssertReplayAndConflictAsync(key, opened.Value,
            () => fx.Get<PostOpeningBalance>().RunAsync(new OpeningBalanceRequest(key, wallet.WalletId, "12.345", "KWD", "legacy-77"), Ct),
            () => fx.Get<PostOpeningBalance>().RunAsync(new OpeningBalanceRequest(key, wallet.WalletId, "12.346", "KWD", "legacy-77"), Ct));
        Assert.Equal(12_345, await fx.BalanceAsync(main, "KWD/3"));
        await fx.AssertBooksFootAsync();
    }

    [Fact]
    public async Task An_opening_balance_in_another_currency_than_the_wallets_is_rejected_and_writes_nothing()
    {
        var wallet = await fx.OpenWalletAsync("NGN");
        var key = Key();

        var opened = await fx.Get<PostOpeningBalance>().RunAsync(new OpeningBalanceRequest(key, wallet.WalletId, "1.00", "USD"), Ct);

        Assert.Equal((RejectionCodes.CurrencyMismatch, "walletId"), (opened.Error?.Code, opened.Error?.Field));
        await fx.AssertNothingWrittenAsync(key, "migration-opening-balance");
    }
}
