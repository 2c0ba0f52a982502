using WalletFlow.Core.Fx;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Tests.Unit.Fx;

public class FxConversionTests
{
    private static Money Usd(string amount) => Money.Parse(amount, Currency.USD).Value;

    [Fact]
    public void Conversion_returns_bought_amount_spread_and_residue_so_each_side_foots()
    {
        var customer = new FxRate(Currency.USD, Currency.NGN, 1530.257m);
        var market = new FxRate(Currency.USD, Currency.NGN, 1540m);

        var conversion = FxConversion.Convert(Usd("10.01"), customer, FxRounding.Down, market).Value;

        // 10.01 × 1530.257 = 15317.87257 NGN → 1531787 kobo (down), 0.257 kobo left unposted.
        Assert.Equal(Money.Parse("15317.87", Currency.NGN).Value, conversion.Bought);
        Assert.Equal(0.257m, conversion.RoundingResidue);
        // Market value 10.01 × 1540 = 15415.40 NGN; the spread is the difference.
        Assert.Equal(Money.Parse("97.53", Currency.NGN).Value, conversion.Spread);
        // fx:USD-NGN receives the sold dollars and pays out bought + spread naira: each asset balances.
        Assert.Equal(1_541_540, (conversion.Bought + conversion.Spread).MinorUnits);
        Assert.Equal(Usd("10.01"), conversion.Sold);
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
