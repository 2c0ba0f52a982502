using CsCheck;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Tests.Unit.Monetary;

/// <summary>
/// Invariants over random inputs (CsCheck prints the seed of a failing case; rerun it with
/// <c>seed:</c> on <c>Sample</c>). Currencies are drawn from the whole seed table, so every scale in
/// it (0, 2, 3, 4, 6) is exercised.
/// </summary>
public class MoneyPropertyTests
{
    private static readonly Gen<Currency> AnyCurrency = Gen.OneOfConst([.. CurrencyCatalog.Default.All]);

    private static readonly Gen<Money> AnyMoney = Gen.Select(AnyCurrency, Gen.Long, (c, minor) => new Money(c, minor));

    [Fact]
    public void Every_scale_in_the_table_is_exercised()
    {
        Assert.Equal([0, 2, 3, 4, 6], CurrencyCatalog.Default.All.Select(c => c.Scale).Distinct().Order());
    }

    [Fact]
    public void Parse_of_format_is_the_identity_for_every_currency()
    {
        AnyMoney.Sample(money =>
        {
            Assert.Equal(money, Money.Parse(money.ToString()).Value);
            Assert.Equal(money, Money.Parse(money.FormatAmount(), money.Currency).Value);
        });
    }

    [Fact]
    public void Format_of_parse_is_the_identity_for_canonical_text()
    {
        Gen.Select(AnyCurrency, Gen.Long[-1_000_000_000_000, 1_000_000_000_000], Gen.Long[0, 999_999])
            .Sample((currency, whole, fractionSeed) =>
            {
                var invariant = System.Globalization.CultureInfo.InvariantCulture;
                var fraction = currency.Scale == 0
                    ? ""
                    : "." + (fractionSeed % (long)Math.Pow(10, currency.Scale)).ToString(invariant).PadLeft(currency.Scale, '0');
                var text = whole.ToString(invariant) + fraction;

                Assert.Equal(text, Money.Parse(text, currency).Value.FormatAmount());
            });
    }

    [Fact]
    public void Allocation_by_ratios_always_sums_to_the_total_is_deterministic_and_fair_to_one_minor_unit()
    {
        var ratios = Gen.Long[0, 1_000].Array[1, 12].Where(r => r.Any(x => x > 0));
        Gen.Select(AnyCurrency, Gen.Long[-1_000_000_000_000_000, 1_000_000_000_000_000], ratios).Sample((currency, minor, weights) =>
        {
            var total = new Money(currency, minor);

            var parts = Allocation.ByRatios(total, weights).Value;
            var again = Allocation.ByRatios(total, weights).Value;

            Assert.Equal(again, parts);
            Assert.Equal(minor, parts.Sum(p => p.MinorUnits));
            Assert.All(parts, p => Assert.Equal(currency, p.Currency));
            var sum = weights.Sum();
            for (var i = 0; i < parts.Count; i++)
            {
                var exact = (decimal)Math.Abs(minor) * weights[i] / sum;
                Assert.InRange(Math.Abs(parts[i].MinorUnits), Math.Floor(exact), Math.Floor(exact) + (weights[i] == 0 ? 0 : 1));
            }
        });
    }

    [Fact]
    public void Allocation_by_percentages_always_sums_to_the_total()
    {
        // Random splits of 100.00% into 1..6 parts with two decimals.
        var percentages = Gen.Int[0, 10_000].Array[0, 5].Select(cuts =>
        {
            var points = cuts.Order().Prepend(0).Append(10_000).ToArray();
            return points.Zip(points.Skip(1), (a, b) => (b - a) / 100m).ToArray();
        });
        Gen.Select(AnyCurrency, Gen.Long[-1_000_000_000_000, 1_000_000_000_000], percentages).Sample((currency, minor, split) =>
        {
            var parts = Allocation.ByPercentages(new Money(currency, minor), split).Value;

            Assert.Equal(split.Length, parts.Count);
            Assert.Equal(minor, parts.Sum(p => p.MinorUnits));
        });
    }

    [Fact]
    public void Same_currency_arithmetic_matches_integer_arithmetic()
    {
        Gen.Select(AnyCurrency, Gen.Long[-1_000_000_000_000_000, 1_000_000_000_000_000], Gen.Long[-1_000_000_000_000_000, 1_000_000_000_000_000])
            .Sample((currency, a, b) =>
            {
                var (x, y) = (new Money(currency, a), new Money(currency, b));
                Assert.Equal(a + b, (x + y).MinorUnits);
                Assert.Equal(a - b, x.Subtract(y).Value.MinorUnits);
                Assert.Equal(a.CompareTo(b), x.CompareTo(y));
            });
    }

    /// <summary>
    /// What the compiler rules out is documented on <see cref="Money"/>: no implicit conversion from a
    /// number, no operator with a bare number (so <c>naira + 5</c> and <c>naira + 1.5m</c> do not
    /// compile). Two currencies are values of one type, so mixing them is refused at run time: a typed
    /// <see cref="CurrencyMismatch"/> from Add/Subtract, a <see cref="CurrencyMismatchException"/>
    /// from the operators and comparisons.
    /// </summary>
    [Fact]
    public void No_cross_currency_arithmetic_runs()
    {
        Gen.Select(AnyMoney, AnyMoney).Where((a, b) => a.Currency != b.Currency).Sample((a, b) =>
        {
            var mismatch = Assert.IsType<CurrencyMismatch>(a.Add(b).Error);
            Assert.Equal((a.Currency, b.Currency), (mismatch.Left, mismatch.Right));
            Assert.Equal("currency_mismatch", mismatch.Code);
            Assert.IsType<CurrencyMismatch>(a.Subtract(b).Error);
            Assert.Throws<CurrencyMismatchException>(() => a + b);
            Assert.Throws<CurrencyMismatchException>(() => a - b);
            Assert.Throws<CurrencyMismatchException>(() => a < b);
            Assert.Throws<CurrencyMismatchException>(() => a.CompareTo(b));
            Assert.NotEqual(a, b);
        });
    }
}
