using WalletFlow.Core.Accounts;
using WalletFlow.Core.Fx;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.UseCases;

public sealed class FxConversionTests(UseCaseFixture fx) : IClassFixture<UseCaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Usd, string Ngn)> TwoWalletsAsync(string usdFunds = "100.00")
    {
        var owner = NewId("owner");
        var usd = await fx.OpenWalletAsync("USD", owner);
        var ngn = await fx.OpenWalletAsync("NGN", owner);
        await fx.FundAsync(usd.WalletId, usdFunds, "USD");
        return (usd.WalletId, ngn.WalletId);
    }

    [Fact]
    public async Task A_conversion_posts_the_sold_amount_the_rounded_down_bought_amount_the_spread_and_the_rounding_remainder_through_the_position()
    {
        var (usd, ngn) = await TwoWalletsAsync();
        var key = Key();
        var spreadBefore = await fx.BalanceAsync(AccountAddresses.FxSpreadRevenue);
        var roundingBefore = await fx.BalanceAsync(AccountAddresses.FxRoundingRevenue);
        var positionBefore = (Usd: await fx.BalanceAsync(new AccountAddress("fx:USD-NGN"), "USD/2"), Ngn: await fx.BalanceAsync(new AccountAddress("fx:USD-NGN")));

        // 10.00 USD, customer rate 1500.2555, market rate 1530, all rounded down, in kobo:
        //   bought B = 10 × 1500.2555 = 15002.555 NGN = 1500255.5 → 1500255
        //   spread S = 10 × (1530 − 1500.2555) = 297.445 NGN = 29744.5 → 29744
        //   market M = 10 × 1530 = 15300.00 NGN = 1530000 (exact, so no residue is left)
        //   rounding R = M − B − S = 1530000 − 1500255 − 29744 = 1: the two dropped half kobo.
        var converted = await fx.Get<ConvertFx>().RunAsync(new ConvertFxRequest(key, usd, ngn, "10.00", "USD", "NGN", "1500.2555", "1530"), Ct);

        Assert.True(converted.IsSuccess, converted.ToString());
        var from = AccountAddresses.WalletMain(usd);
        var to = AccountAddresses.WalletMain(ngn);
        var position = new AccountAddress("fx:USD-NGN");
        Assert.Equal(
            [
                new Posting(from, position, 1_000, "USD/2"),
                new Posting(position, to, 1_500_255, "NGN/2"),
                new Posting(position, AccountAddresses.FxSpreadRevenue, 29_744, "NGN/2"),
                new Posting(position, AccountAddresses.FxRoundingRevenue, 1, "NGN/2"),
            ],
            converted.Value.Postings);
        Assert.Equal(9_000, await fx.BalanceAsync(from, "USD/2"));
        Assert.Equal(1_500_255, await fx.BalanceAsync(to));
        Assert.Equal(spreadBefore + 29_744, await fx.BalanceAsync(AccountAddresses.FxSpreadRevenue));
        Assert.Equal(roundingBefore + 1, await fx.BalanceAsync(AccountAddresses.FxRoundingRevenue));
        Assert.Equal(positionBefore.Usd + 1_000, await fx.BalanceAsync(position, "USD/2"));
        Assert.Equal(positionBefore.Ngn - 1_530_000, await fx.BalanceAsync(position));
        var attributes = converted.Value.Attributes;
        Assert.Equal(("10.00", "15002.55", "297.44", "0.01", "1500.2555", "1530", "0"),
            (attributes["sellAmount"], attributes["buyAmount"], attributes["spread"], attributes["rounding"], attributes["rate"], attributes["marketRate"], attributes["roundingResidue"]));
        await fx.AssertOutboxAsync(converted.Value, "wallet", usd, "FxConverted");
        Assert.Equal(
            new[] { (from.Value, -1_000m, 9_000m), (to.Value, 1_500_255m, 1_500_255m) }.OrderBy(l => l.Item1, StringComparer.Ordinal),
            await fx.StatementLinesAsync(converted.Value));

        await fx.AssertReplayAndConflictAsync(key, converted.Value,
            () => fx.Get<ConvertFx>().RunAsync(new ConvertFxRequest(key, usd, ngn, "10.00", "USD", "NGN", "1500.2555", "1530"), Ct),
            () => fx.Get<ConvertFx>().RunAsync(new ConvertFxRequest(key, usd, ngn, "10.00", "USD", "NGN", "1500.2556", "1530"), Ct));
        Assert.Equal(1_500_255, await fx.BalanceAsync(to));
        await fx.AssertBooksFootAsync();
    }

    [Fact]
    public async Task A_conversion_whose_roundings_cancel_posts_no_rounding_leg_and_reports_the_unpostable_residue()
    {
        var (usd, ngn) = await TwoWalletsAsync();
        var roundingBefore = await fx.BalanceAsync(AccountAddresses.FxRoundingRevenue);

        // 10.00 USD, customer rate 1500.25, market rate 1530.0005, in kobo:
        //   B = 15002.50 NGN = 1500250 (exact); S = 10 × 29.7505 = 297.505 NGN = 29750.5 → 29750;
        //   M = 15300.005 NGN = 1530000.5 → 1530000; R = 1530000 − 1500250 − 29750 = 0.
        // The half kobo of M is what no posting can carry: roundingResidue 0.005 NGN.
        var converted = await fx.Get<ConvertFx>().RunAsync(new ConvertFxRequest(Key(), usd, ngn, "10.00", "USD", "NGN", "1500.25", "1530.0005"), Ct);

        Assert.True(converted.IsSuccess, converted.ToString());
        var position = new AccountAddress("fx:USD-NGN");
        Assert.Equal(
            [
                new Posting(AccountAddresses.WalletMain(usd), position, 1_000, "USD/2"),
                new Posting(position, AccountAddresses.WalletMain(ngn), 1_500_250, "NGN/2"),
                new Posting(position, AccountAddresses.FxSpreadRevenue, 29_750, "NGN/2"),
            ],
            converted.Value.Postings);
        Assert.Equal(roundingBefore, await fx.BalanceAsync(AccountAddresses.FxRoundingRevenue));
        var attributes = converted.Value.Attributes;
        Assert.Equal(("15002.50", "297.50", "0.00", "0.005"), (attributes["buyAmount"], attributes["spread"], attributes["rounding"], attributes["roundingResidue"]));
        await fx.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Selling_more_than_the_wallet_has_is_insufficient_funds_and_writes_nothing()
    {
        var (usd, ngn) = await TwoWalletsAsync("5.00");
        var key = Key();

        var converted = await fx.Get<ConvertFx>().RunAsync(new ConvertFxRequest(key, usd, ngn, "5.01", "USD", "NGN", "1500"), Ct);

        var refused = Assert.IsType<InsufficientFunds>(converted.Error);
        Assert.Equal(AccountAddresses.WalletMain(usd).Value, refused.Account);
        await fx.AssertNothingWrittenAsync(key, "fx-conversion");
        Assert.Equal(500, await fx.BalanceAsync(AccountAddresses.WalletMain(usd), "USD/2"));
        Assert.Equal(0, await fx.BalanceAsync(AccountAddresses.WalletMain(ngn)));
    }

    [Fact]
    public async Task Conversions_between_owners_in_the_wrong_currency_or_better_than_market_are_rejected_naming_the_field()
    {
        var (usd, ngn) = await TwoWalletsAsync();
        var stranger = await fx.OpenWalletAsync("NGN");
        var cases = new (ConvertFxRequest Request, string Code, string Field)[]
        {
            (new ConvertFxRequest(Key(), usd, stranger.WalletId, "1.00", "USD", "NGN", "1500"), RejectionCodes.InvalidRequest, "toWalletId"),
            (new ConvertFxRequest(Key(), usd, ngn, "1.00", "EUR", "NGN", "1500"), RejectionCodes.CurrencyMismatch, "fromWalletId"),
            (new ConvertFxRequest(Key(), usd, ngn, "1.00", "USD", "NGN", "1600", "1500"), RejectionCodes.InvalidFxRate, "rate"),
            (new ConvertFxRequest(Key(), usd, ngn, "1.00", "USD", "NGN", "-1"), RejectionCodes.InvalidRequest, "rate"),
            (new ConvertFxRequest(Key(), usd, ngn, "1.00", "USD", "USD", "1"), RejectionCodes.InvalidRequest, "buyCurrency"),
        };
        foreach (var (request, code, field) in cases)
        {
            var converted = await fx.Get<ConvertFx>().RunAsync(request, Ct);
            Assert.Equal((code, field), (converted.Error?.Code, converted.Error?.Field));
            await fx.AssertNothingWrittenAsync(request.Key, "fx-conversion");
        }
        Assert.Equal(10_000, await fx.BalanceAsync(AccountAddresses.WalletMain(usd), "USD/2"));
    }
}
