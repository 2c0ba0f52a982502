using CsCheck;
using WalletFlow.Core.Fx;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Tests.Unit.Fx;

public class FxPropertyTests
{
    private static readonly Gen<Currency> AnyCurrency = Gen.OneOfConst([.. CurrencyCatalog.Default.All]);

    [Fact]
    public void Bought_plus_spread_is_the_market_value_and_rounding_down_never_overpays()
    {
        var rates = Gen.Select(Gen.Int[1, 100_000_000], Gen.Int[0, 8], (mantissa, scale) => new decimal(mantissa, 0, 0, false, (byte)scale));
        Gen.Select(AnyCurrency, AnyCurrency, Gen.Long[1, 1_000_000_000_000], rates, Gen.Int[0, 1_000])
            .Where((a, b, _, _, _) => a != b)
            .Sample((sold, bought, minor, rate, markupBasisPoints) =>
            {
                var market = new FxRate(sold, bought, rate);
                var customer = new FxRate(sold, bought, rate * (10_000 - markupBasisPoints) / 10_000);
                var result = FxConversion.Convert(new Money(sold, minor), customer, FxRounding.Down, market);
                if (!result.IsSuccess)
                {
                    // Too small to buy one minor unit, or too large to fit: refused as a value, never thrown.
                    Assert.True(result.Error is InvalidFxRate or InvalidAmount, result.Error.ToString());
                    return;
                }
                var conversion = result.Value;
                var marketOnly = FxConversion.Convert(new Money(sold, minor), market, FxRounding.Down).Value;

                Assert.Equal(marketOnly.Bought, conversion.Bought + conversion.Spread);
                Assert.False(conversion.Spread.IsNegative);
                Assert.InRange(conversion.RoundingResidue, 0m, 1m);
                Assert.True(conversion.RoundingResidue < 1m);
            });
    }
}
