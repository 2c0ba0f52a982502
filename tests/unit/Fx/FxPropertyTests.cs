using CsCheck;
using WalletFlow.Core.Fx;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Tests.Unit.Fx;

public class FxPropertyTests
{
    private static readonly Gen<Currency> AnyCurrency = Gen.OneOfConst([.. CurrencyCatalog.Default.All]);

    // Market rates up to 1e8 with up to 8 decimals; the customer rate is the market rate less a markup of
    // 0–10 % (so market ≥ customer), exact in decimal (at most 12 decimals), which keeps the oracle below exact.
    private static readonly Gen<(decimal Market, decimal Customer)> Rates =
        Gen.Select(Gen.Int[1, 100_000_000], Gen.Int[0, 8], Gen.Int[0, 1_000], (mantissa, scale, markupBasisPoints) =>
        {
            var market = new decimal(mantissa, 0, 0, false, (byte)scale);
            return (market, market * (10_000 - markupBasisPoints) / 10_000m);
        });

    [Fact]
    public void Bought_plus_spread_plus_remainder_is_the_market_value_and_rounding_down_never_overpays()
    {
        Gen.Select(AnyCurrency, AnyCurrency, Gen.Long[1, 1_000_000_000_000], Rates)
            .Where((a, b, _, _) => a != b)
            .Sample((sold, bought, minor, rates) =>
            {
                var market = new FxRate(sold, bought, rates.Market);
                var customer = new FxRate(sold, bought, rates.Customer);
                var result = FxConversion.Convert(new Money(sold, minor), customer, FxRounding.Down, market);
                if (!result.IsSuccess)
                {
                    // Too small to buy one minor unit, or too large to fit: refused as a value, never thrown.
                    Assert.True(result.Error is InvalidFxRate or InvalidAmount, result.Error.ToString());
                    return;
                }
                var conversion = result.Value;
                var marketOnly = FxConversion.Convert(new Money(sold, minor), market, FxRounding.Down).Value;

                Assert.Equal(marketOnly.Bought, conversion.Bought + conversion.Spread + conversion.RoundingRemainder);
                Assert.Equal(marketOnly.Bought, conversion.MarketValue);
                Assert.False(conversion.Spread.IsNegative);
                Assert.InRange(conversion.RoundingRemainder.MinorUnits, 0, 1);
                Assert.InRange(conversion.RoundingResidue, 0m, 1m);
                Assert.True(conversion.RoundingResidue < 1m);
            });
    }

    [Fact]
    public void Every_mode_rounds_market_value_bought_and_exact_spread_separately_and_keeps_the_remainder_in_its_bound()
    {
        // Sells up to 1e10 minor units keep sell × rate × 10^6 inside decimal's 28 digits, so the
        // oracle computes the exact values with decimal and rounds them with Math's own modes.
        Gen.Select(AnyCurrency, AnyCurrency, Gen.Long[1, 10_000_000_000], Rates, Gen.Enum<FxRounding>())
            .Where((a, b, _, _, _) => a != b)
            .Sample((sold, bought, minor, rates, rounding) =>
            {
                var result = FxConversion.Convert(new Money(sold, minor), new FxRate(sold, bought, rates.Customer), rounding, new FxRate(sold, bought, rates.Market));
                var exactMarket = Exact(minor, rates.Market, sold, bought);
                var exactBought = Exact(minor, rates.Customer, sold, bought);
                if (Round(exactMarket, rounding) > long.MaxValue)
                {
                    Assert.IsType<InvalidAmount>(result.Error);
                    return;
                }
                if (Round(exactBought, rounding) == 0)
                {
                    Assert.IsType<InvalidFxRate>(result.Error);
                    return;
                }
                var conversion = result.Value;

                Assert.Equal(Round(exactMarket, rounding), conversion.MarketValue.MinorUnits);
                Assert.Equal(Round(exactBought, rounding), conversion.Bought.MinorUnits);
                Assert.Equal(Round(exactMarket - exactBought, rounding), conversion.Spread.MinorUnits);
                Assert.Equal(conversion.MarketValue, conversion.Bought + conversion.Spread + conversion.RoundingRemainder);
                Assert.False(conversion.Spread.IsNegative);
                var (low, high) = rounding switch
                {
                    FxRounding.Down => (0, 1),
                    FxRounding.Up => (-1, 0),
                    _ => (-1, 1),
                };
                Assert.InRange(conversion.RoundingRemainder.MinorUnits, low, high);
                // Nothing is lost: the posted amounts plus the unpostable residue are the exact market value.
                Assert.Equal(exactMarket - conversion.MarketValue.MinorUnits, conversion.RoundingResidue);
            }, iter: 2_000);
    }

    private static decimal Exact(long minor, decimal rate, Currency sold, Currency bought)
    {
        var value = minor * rate;
        for (var i = sold.Scale; i < bought.Scale; i++)
            value *= 10m;
        for (var i = bought.Scale; i < sold.Scale; i++)
            value /= 10m;
        return value;
    }

    private static decimal Round(decimal value, FxRounding rounding) => rounding switch
    {
        FxRounding.Down => Math.Floor(value),
        FxRounding.Up => Math.Ceiling(value),
        FxRounding.HalfUp => Math.Round(value, MidpointRounding.AwayFromZero),
        FxRounding.HalfEven => Math.Round(value, MidpointRounding.ToEven),
        _ => throw new ArgumentOutOfRangeException(nameof(rounding)),
    };
}
