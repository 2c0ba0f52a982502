using WalletFlow.Core.Fx;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Tests.Unit.Fx;

public class FxConversionTests
{
    private static Money Usd(string amount) => Money.Parse(amount, Currency.USD).Value;

    private static Money Ngn(long kobo) => new(Currency.NGN, kobo);

    [Fact]
    public void Conversion_returns_bought_amount_spread_and_rounding_remainder_so_each_side_foots()
    {
        var customer = new FxRate(Currency.USD, Currency.NGN, 1530.257m);
        var market = new FxRate(Currency.USD, Currency.NGN, 1540m);

        var conversion = FxConversion.Convert(Usd("10.01"), customer, FxRounding.Down, market).Value;

        // Bought: 10.01 × 1530.257 = 15317.87257 NGN = 1531787.257 kobo → 1531787 (down).
        Assert.Equal(Ngn(1_531_787), conversion.Bought);
        // Spread: 10.01 × (1540 − 1530.257) = 10.01 × 9.743 = 97.52743 NGN = 9752.743 kobo → 9752.
        Assert.Equal(Ngn(9_752), conversion.Spread);
        // Market value: 10.01 × 1540 = 15415.40 NGN = 1541540 kobo exactly; the 0.257 + 0.743 kobo the
        // two roundings dropped make the one kobo of remainder: 1541540 − 1531787 − 9752 = 1.
        Assert.Equal(Ngn(1), conversion.RoundingRemainder);
        Assert.Equal(Ngn(1_541_540), conversion.MarketValue);
        Assert.Equal(0m, conversion.RoundingResidue);
        Assert.Equal(Usd("10.01"), conversion.Sold);
    }

    [Theory]
    // 0.01 USD at customer 10.4 / market 10.8: exact bought 10.4 kobo, spread 0.4, market value 10.8.
    [InlineData("10.4", "10.8", FxRounding.Down, 10L, 0L, 0L)]
    [InlineData("10.4", "10.8", FxRounding.Up, 11L, 1L, -1L)]
    [InlineData("10.4", "10.8", FxRounding.HalfUp, 10L, 0L, 1L)]
    [InlineData("10.4", "10.8", FxRounding.HalfEven, 10L, 0L, 1L)]
    // 0.01 USD at customer 10.6 / market 11.2: exact bought 10.6 kobo, spread 0.6, market value 11.2.
    [InlineData("10.6", "11.2", FxRounding.Down, 10L, 0L, 1L)]
    [InlineData("10.6", "11.2", FxRounding.Up, 11L, 1L, 0L)]
    [InlineData("10.6", "11.2", FxRounding.HalfUp, 11L, 1L, -1L)]
    [InlineData("10.6", "11.2", FxRounding.HalfEven, 11L, 1L, -1L)]
    public void The_rounding_remainder_reaches_each_modes_bound_down_0_to_1_up_minus_1_to_0_half_minus_1_to_1(
        string customerRate, string marketRate, FxRounding rounding, long bought, long spread, long remainder)
    {
        var customer = new FxRate(Currency.USD, Currency.NGN, RateText.Parse(customerRate, "rate").Value);
        var market = new FxRate(Currency.USD, Currency.NGN, RateText.Parse(marketRate, "marketRate").Value);

        var conversion = FxConversion.Convert(Usd("0.01"), customer, rounding, market).Value;

        Assert.Equal((Ngn(bought), Ngn(spread), Ngn(remainder)), (conversion.Bought, conversion.Spread, conversion.RoundingRemainder));
        // M = B + S + R is the market value rounded on its own, as a conversion at the market rate gives it.
        Assert.Equal(FxConversion.Convert(Usd("0.01"), market, rounding).Value.Bought, conversion.MarketValue);
    }

    [Theory]
    [InlineData(FxRounding.Down, 2L)]
    [InlineData(FxRounding.Up, 3L)]
    [InlineData(FxRounding.HalfUp, 3L)]
    [InlineData(FxRounding.HalfEven, 2L)]
    public void The_rounding_mode_is_explicit_and_applied_at_the_half(FxRounding rounding, long expectedKobo)
    {
        // 0.01 USD × 2.5 = 0.025 NGN = 2.5 kobo exactly.
        var conversion = FxConversion.Convert(Usd("0.01"), new FxRate(Currency.USD, Currency.NGN, 2.5m), rounding).Value;

        Assert.Equal(expectedKobo, conversion.Bought.MinorUnits);
        Assert.Equal(2.5m - expectedKobo, conversion.RoundingResidue);
        Assert.True(conversion.Spread.IsZero);
        Assert.True(conversion.RoundingRemainder.IsZero);
    }

    [Fact]
    public void Scales_are_honoured_between_a_zero_and_a_three_decimal_currency()
    {
        // 1000 JPY at 0.002 KWD per JPY = 2.000 KWD = 2000 fils.
        var conversion = FxConversion.Convert(new Money(Currency.JPY, 1000), new FxRate(Currency.JPY, Currency.KWD, 0.002m), FxRounding.HalfEven).Value;

        Assert.Equal(new Money(Currency.KWD, 2000), conversion.Bought);
    }

    [Fact]
    public void A_rate_for_another_currency_is_rejected_because_direction_is_explicit()
    {
        var error = FxConversion.Convert(new Money(Currency.NGN, 100), new FxRate(Currency.USD, Currency.NGN, 1500m), FxRounding.Down).Error;

        Assert.IsType<InvalidFxRate>(error);
        Assert.Contains("converts USD to NGN, but the amount is in NGN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_customer_rate_better_than_market_is_refused_rather_than_booking_a_negative_spread()
    {
        var error = FxConversion.Convert(Usd("1.00"), new FxRate(Currency.USD, Currency.NGN, 1600m), FxRounding.Down, new FxRate(Currency.USD, Currency.NGN, 1500m)).Error;

        Assert.IsType<InvalidFxRate>(error);
    }

    [Fact]
    public void A_customer_rate_a_hair_better_than_market_is_refused_even_when_both_round_to_the_same_amount()
    {
        // 1.00 USD at 1500.001 or 1500.000 both round down to 150000 kobo, but the exact spread is −0.1 kobo.
        var error = FxConversion.Convert(Usd("1.00"), new FxRate(Currency.USD, Currency.NGN, 1500.001m), FxRounding.Down, new FxRate(Currency.USD, Currency.NGN, 1500m)).Error;

        Assert.IsType<InvalidFxRate>(error);
    }

    [Fact]
    public void An_amount_too_small_to_buy_one_minor_unit_is_refused()
    {
        Assert.IsType<InvalidFxRate>(FxConversion.Convert(new Money(Currency.NGN, 1), new FxRate(Currency.NGN, Currency.USD, 0.0006m), FxRounding.Down).Error);
    }

    [Fact]
    public void Invalid_rates_are_rejected_as_values()
    {
        Assert.IsType<InvalidFxRate>(FxRate.Create(Currency.USD, Currency.USD, 1m).Error);
        Assert.IsType<InvalidFxRate>(FxRate.Create(Currency.USD, Currency.NGN, 0m).Error);
        Assert.Equal(new FxRate(Currency.NGN, Currency.USD, 0.0007m), new FxRate(Currency.USD, Currency.NGN, 1500m).Invert(4, FxRounding.HalfEven).Value);
    }
}
