using System.Globalization;
using System.Numerics;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Monetary;

/// <summary>
/// An amount of one currency, held as a whole number of minor units (never floating point).
/// </summary>
/// <remarks>
/// Cross-currency arithmetic: the compiler prevents what it can. There is no conversion from
/// <see cref="long"/>, <see cref="decimal"/> or <see cref="double"/> to <see cref="Money"/>, and no
/// operator between <see cref="Money"/> and a bare number except scaling by a whole factor, so
/// <c>naira + 5</c> or <c>naira + 1.5m</c> do not compile. The currency itself is data (it comes from
/// seed/currencies.csv), not a type, so <c>naira + dollars</c> compiles; it is refused at run time:
/// <see cref="Add"/>/<see cref="Subtract"/> return a <see cref="CurrencyMismatch"/> rejection and the
/// operators throw <see cref="CurrencyMismatchException"/> (a caller bug). FX is the only bridge.
/// </remarks>
public readonly record struct Money : IComparable<Money>
{
    /// <summary>Creates an amount; <paramref name="currency"/> must be a real currency, not <c>default</c>.</summary>
    public Money(Currency currency, long minorUnits)
    {
        if (currency.Code is null)
            throw new ArgumentException("Money needs a currency; default(Currency) is not one.", nameof(currency));
        Currency = currency;
        MinorUnits = minorUnits;
    }

    /// <summary>The currency.</summary>
    public Currency Currency { get; }

    /// <summary>The amount in minor units (kobo, cents, yen, 10^-6 USDT).</summary>
    public long MinorUnits { get; }

    /// <summary>True when the amount is zero.</summary>
    public bool IsZero => MinorUnits == 0;

    /// <summary>True when the amount is below zero.</summary>
    public bool IsNegative => MinorUnits < 0;

    /// <summary>True when the amount is above zero.</summary>
    public bool IsPositive => MinorUnits > 0;

    /// <summary>Zero of a currency.</summary>
    public static Money Zero(Currency currency) => new(currency, 0);

    /// <summary>Reads an amount in major units (<c>"1500.00"</c>) of <paramref name="currency"/>. See <see cref="MoneyText"/>.</summary>
    public static Result<Money> Parse(string amount, Currency currency) => MoneyText.Parse(amount, currency);

    /// <summary>Reads <c>"1500.00 NGN"</c>: an amount in major units, one space, a known currency code.</summary>
    public static Result<Money> Parse(string text) => MoneyText.Parse(text);

    /// <summary>The amount in major units, culture-invariant, with exactly <see cref="Currency.Scale"/> decimals (<c>"1500.00"</c>).</summary>
    public string FormatAmount() => MoneyText.FormatAmount(this);

    /// <summary><c>"1500.00 NGN"</c>; <see cref="Parse(string)"/> reads it back.</summary>
    public override string ToString() => $"{FormatAmount()} {Currency.Code}";

    /// <summary>The sum, or a rejection if the currencies differ or the sum does not fit.</summary>
    public Result<Money> Add(Money other) => Combine(other, BigInteger.Add);

    /// <summary>The difference, or a rejection if the currencies differ or it does not fit.</summary>
    public Result<Money> Subtract(Money other) => Combine(other, BigInteger.Subtract);

    /// <summary>The same amount with the opposite sign.</summary>
    public Money Negate() => new(Currency, checked(-MinorUnits));

    /// <summary>The amount without its sign.</summary>
    public Money Abs() => new(Currency, Math.Abs(MinorUnits));

    /// <summary>Scales by a whole factor; overflow is a bug and throws.</summary>
    public Money Multiply(long factor) => new(Currency, checked(MinorUnits * factor));

    /// <summary>True when both amounts share a currency.</summary>
    public bool HasSameCurrencyAs(Money other) => Currency == other.Currency;

    /// <summary>Orders amounts of one currency; comparing two currencies is a bug and throws.</summary>
    public int CompareTo(Money other)
    {
        EnsureSameCurrency(other);
        return MinorUnits.CompareTo(other.MinorUnits);
    }

    /// <summary>Sum of one currency; throws <see cref="CurrencyMismatchException"/> across currencies.</summary>
    public static Money operator +(Money left, Money right)
    {
        left.EnsureSameCurrency(right);
        return new Money(left.Currency, checked(left.MinorUnits + right.MinorUnits));
    }

    /// <summary>Difference of one currency; throws <see cref="CurrencyMismatchException"/> across currencies.</summary>
    public static Money operator -(Money left, Money right)
    {
        left.EnsureSameCurrency(right);
        return new Money(left.Currency, checked(left.MinorUnits - right.MinorUnits));
    }

    /// <summary>The negation.</summary>
    public static Money operator -(Money value) => value.Negate();

    /// <summary>Scaling by a whole factor.</summary>
    public static Money operator *(Money value, long factor) => value.Multiply(factor);

    /// <summary>Ordering within one currency.</summary>
    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    /// <summary>Ordering within one currency.</summary>
    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    /// <summary>Ordering within one currency.</summary>
    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering within one currency.</summary>
    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    private Result<Money> Combine(Money other, Func<BigInteger, BigInteger, BigInteger> op)
    {
        if (Currency != other.Currency)
            return new CurrencyMismatch(Currency, other.Currency);
        var result = op(MinorUnits, other.MinorUnits);
        if (result < long.MinValue || result > long.MaxValue)
            return new InvalidAmount(result.ToString(CultureInfo.InvariantCulture), $"more than {long.MaxValue} minor units of {Currency.Code}");
        return new Money(Currency, (long)result);
    }

    private void EnsureSameCurrency(Money other)
    {
        if (Currency != other.Currency)
            throw new CurrencyMismatchException(Currency, other.Currency);
    }
}
