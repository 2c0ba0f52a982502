using System.Globalization;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Fx;

/// <summary>
/// A rate with its direction written in the type: one major unit of <see cref="Base"/> is worth
/// <see cref="Rate"/> major units of <see cref="Quote"/> (USD→NGN 1530.25). Decimal, never floating point.
/// </summary>
public readonly record struct FxRate
{
    /// <summary>Creates a rate; the currencies differ and the rate is above zero.</summary>
    public FxRate(Currency @base, Currency quote, decimal rate)
    {
        if (@base.Code is null || quote.Code is null)
            throw new ArgumentException("An FX rate needs two real currencies.");
        if (@base == quote)
            throw new ArgumentException($"An FX rate needs two different currencies, got {@base.Code} twice.", nameof(quote));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        Base = @base;
        Quote = quote;
        Rate = rate;
    }

    /// <summary>The currency being priced (sold by the customer in a conversion).</summary>
    public Currency Base { get; }

    /// <summary>The currency the price is in (bought by the customer).</summary>
    public Currency Quote { get; }

    /// <summary>Quote major units per one base major unit.</summary>
    public decimal Rate { get; }

    /// <summary>Reads a rate; a non-positive or malformed rate is a rejection, not an exception.</summary>
    public static Result<FxRate> Create(Currency @base, Currency quote, decimal rate)
    {
        if (@base == quote)
            return new InvalidFxRate($"base and quote are both {@base.Code}");
        if (rate <= 0)
            return new InvalidFxRate($"rate {rate.ToString(CultureInfo.InvariantCulture)} must be above zero");
        return new FxRate(@base, quote, rate);
    }

    /// <summary>
    /// The rate the other way round, to <paramref name="digits"/> decimal places with the given
    /// rounding; a rounding that reaches zero is a rejection.
    /// </summary>
    public Result<FxRate> Invert(int digits, FxRounding rounding)
    {
        var inverse = 1m / Rate;
        var rounded = Math.Round(inverse, digits, rounding switch
        {
            FxRounding.Down => MidpointRounding.ToZero,
            FxRounding.Up => MidpointRounding.ToPositiveInfinity,
            FxRounding.HalfEven => MidpointRounding.ToEven,
            FxRounding.HalfUp => MidpointRounding.AwayFromZero,
            _ => throw new ArgumentOutOfRangeException(nameof(rounding)),
        });
        return Create(Quote, Base, rounded);
    }

    /// <inheritdoc />
    public override string ToString() => $"1 {Base.Code} = {Rate.ToString(CultureInfo.InvariantCulture)} {Quote.Code}";
}
