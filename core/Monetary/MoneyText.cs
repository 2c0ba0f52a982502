using System.Globalization;
using System.Numerics;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Monetary;

/// <summary>
/// Money as text in major units, culture-invariant. Accepted: an optional <c>-</c>, one or more
/// digits, and optionally <c>.</c> followed by 1..scale digits. Refused, never rounded: more decimals
/// than the currency has (<c>"12.345"</c> for NGN, even <c>"12.340"</c>), exponents, <c>+</c>,
/// separators, spaces, and amounts beyond <see cref="long"/> minor units.
/// </summary>
public static class MoneyText
{
    /// <summary>Reads an amount in major units of <paramref name="currency"/>.</summary>
    public static Result<Money> Parse(string amount, Currency currency)
    {
        if (currency.Code is null)
            throw new ArgumentException("default(Currency) is not a currency.", nameof(currency));
        if (string.IsNullOrEmpty(amount))
            return new InvalidAmount(amount ?? "", "the amount is empty");

        var negative = amount[0] == '-';
        var start = negative ? 1 : 0;
        var dot = -1;
        for (var i = start; i < amount.Length; i++)
        {
            var c = amount[i];
            if (char.IsAsciiDigit(c))
                continue;
            if (c == '.' && dot < 0)
            {
                dot = i;
                continue;
            }
            return new InvalidAmount(amount, c switch
            {
                'e' or 'E' => "exponent forms are not accepted; write the amount in plain digits",
                ',' or '_' or '\'' or ' ' => $"'{c}' is not accepted: no digit grouping, and '.' is the only decimal separator",
                '.' => "more than one decimal point",
                '+' when i == 0 => "a leading '+' is not accepted",
                _ => $"'{c}' at position {i + 1} is not a digit",
            });
        }

        var whole = dot < 0 ? amount[start..] : amount[start..dot];
        var fraction = dot < 0 ? "" : amount[(dot + 1)..];
        if (whole.Length == 0)
            return new InvalidAmount(amount, "digits are required before the decimal point");
        if (dot >= 0 && fraction.Length == 0)
            return new InvalidAmount(amount, "digits are required after the decimal point");
        if (fraction.Length > currency.Scale)
            return new InvalidAmount(amount, currency.Scale == 0
                ? $"{currency.Code} has no minor unit, so the amount must be a whole number; found {fraction.Length} decimal place(s)"
                : $"{currency.Code} allows at most {currency.Scale} decimal place(s); found {fraction.Length}. Amounts are never rounded");

        var minor = BigInteger.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture) * BigInteger.Pow(10, currency.Scale);
        if (fraction.Length > 0)
            minor += BigInteger.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture) * BigInteger.Pow(10, currency.Scale - fraction.Length);
        if (negative)
            minor = -minor;
        if (minor < long.MinValue || minor > long.MaxValue)
            return new InvalidAmount(amount, $"beyond {long.MaxValue} minor units of {currency.Code}");
        return new Money(currency, (long)minor);
    }

    /// <summary>Reads <c>"1500.00 NGN"</c>: amount, exactly one space, a known currency code.</summary>
    public static Result<Money> Parse(string text) => Parse(text, CurrencyCatalog.Default);

    /// <summary>Reads <c>"1500.00 NGN"</c> against a given currency table.</summary>
    public static Result<Money> Parse(string text, CurrencyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var space = text?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        if (text is null || space < 0 || space != text.LastIndexOf(' '))
            return new InvalidAmount(text ?? "", "expected '<amount> <CURRENCY>', for example '1500.00 NGN'");
        return catalog.Find(text[(space + 1)..]).Then(currency => Parse(text[..space], currency));
    }

    /// <summary>The amount in major units with exactly the currency's number of decimals.</summary>
    public static string FormatAmount(Money money)
    {
        var scale = money.Currency.Scale;
        var digits = BigInteger.Abs(money.MinorUnits).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var sign = money.MinorUnits < 0 ? "-" : "";
        return scale == 0 ? sign + digits : $"{sign}{digits[..^scale]}.{digits[^scale..]}";
    }
}
