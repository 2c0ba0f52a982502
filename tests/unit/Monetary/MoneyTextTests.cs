using WalletFlow.Core.Monetary;

namespace WalletFlow.Tests.Unit.Monetary;

public class MoneyTextTests
{
    [Fact]
    public void Twelve_point_three_four_five_naira_is_rejected_with_a_message_not_rounded()
    {
        var result = Money.Parse("12.345 NGN");

        var error = Assert.IsType<InvalidAmount>(result.Error);
        Assert.Equal("invalid_amount", error.Code);
        Assert.Equal("Invalid amount '12.345': NGN allows at most 2 decimal place(s); found 3. Amounts are never rounded", error.Message);
    }

    [Theory]
    [InlineData("1e3", "exponent")]
    [InlineData("1E-2", "exponent")]
    [InlineData("1,000.00", "no digit grouping")]
    [InlineData("1 000", "expected '<amount> <CURRENCY>'")]
    [InlineData("+5", "leading '+'")]
    [InlineData("abc", "'a' at position 1 is not a digit")]
    [InlineData("1.2.3", "more than one decimal point")]
    [InlineData(".5", "digits are required before")]
    [InlineData("5.", "digits are required after")]
    [InlineData("-", "digits are required before")]
    [InlineData("NaN", "not a digit")]
    [InlineData("١٢", "not a digit")]
    [InlineData("12.340", "at most 2 decimal")]
    [InlineData("92233720368547758.08", "beyond")]
    public void Garbage_exponents_separators_and_excess_precision_are_rejected(string amount, string reason)
    {
        var result = Money.Parse($"{amount} NGN");

        var error = Assert.IsType<InvalidAmount>(result.Error);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" 5", "not accepted")]
    [InlineData("5 ", "not accepted")]
    public void Amount_only_parsing_accepts_no_surrounding_space(string amount, string reason)
    {
        var error = Assert.IsType<InvalidAmount>(Money.Parse(amount, Currency.NGN).Error);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_currency_without_minor_unit_takes_whole_numbers_only()
    {
        Assert.Equal(1500, Money.Parse("1500", Currency.JPY).Value.MinorUnits);
        var error = Assert.IsType<InvalidAmount>(Money.Parse("1500.0", Currency.JPY).Error);
        Assert.Contains("JPY has no minor unit", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NGN", -5L, "-0.05 NGN")]
    [InlineData("NGN", 150000L, "1500.00 NGN")]
    [InlineData("JPY", 1500L, "1500 JPY")]
    [InlineData("KWD", 1L, "0.001 KWD")]
    [InlineData("USDT", 1L, "0.000001 USDT")]
    [InlineData("USD", long.MinValue, "-92233720368547758.08 USD")]
    public void Formatting_is_culture_invariant_with_exactly_the_currency_scale(string code, long minor, string text)
    {
        var money = new Money(Currency.Find(code).Value, minor);

        Assert.Equal(text, money.ToString());
        Assert.Equal(money, Money.Parse(text).Value);
    }

    [Fact]
    public void Default_currency_is_not_a_currency()
    {
        Assert.Throws<ArgumentException>(() => new Money(default, 1));
    }
}
