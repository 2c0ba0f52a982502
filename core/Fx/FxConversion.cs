using System.Numerics;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Fx;

/// <summary>
/// The result of converting an amount: every number the ledger needs so the conversion foots.
/// The FX position <c>fx:BASE-QUOTE</c> receives <see cref="Sold"/> in the base currency and pays
/// out <see cref="Bought"/> (to the customer) plus <see cref="Spread"/> (to <c>revenue:fx-spread</c>)
/// in the quote currency, so each asset's postings balance on their own. <see cref="RoundingResidue"/>
/// is the part of a minor unit the rounding left out: it is never posted, and is returned so a report
/// can show exactly where the exact value went.
/// </summary>
/// <param name="Sold">What the customer sells, in the base currency.</param>
/// <param name="Bought">What the customer receives at the customer rate, rounded as asked.</param>
/// <param name="Spread">Market value minus <see cref="Bought"/>, in the quote currency; never negative.</param>
/// <param name="CustomerRate">The rate applied to the customer.</param>
/// <param name="MarketRate">The reference rate the spread is measured against (the customer rate when none is given).</param>
/// <param name="Rounding">The rounding used for both the bought amount and the market value.</param>
/// <param name="RoundingResidue">Exact customer value minus <see cref="Bought"/>, in quote minor units (|residue| &lt; 1), truncated to 20 places.</param>
public sealed record FxConversion(
    Money Sold,
    Money Bought,
    Money Spread,
    FxRate CustomerRate,
    FxRate MarketRate,
    FxRounding Rounding,
    decimal RoundingResidue)
{
    /// <summary>
    /// Converts <paramref name="sell"/> at <paramref name="customerRate"/> (whose base must be the
    /// sold currency). With a <paramref name="marketRate"/>, the spread is the difference between the
    /// market value and what the customer gets; a customer rate better than market is refused, since
    /// it would turn the spread into a loss.
    /// </summary>
    public static Result<FxConversion> Convert(Money sell, FxRate customerRate, FxRounding rounding, FxRate? marketRate = null)
    {
        var market = marketRate ?? customerRate;
        if (sell.Currency != customerRate.Base)
            return new InvalidFxRate($"the rate converts {customerRate.Base.Code} to {customerRate.Quote.Code}, but the amount is in {sell.Currency.Code}");
        if (market.Base != customerRate.Base || market.Quote != customerRate.Quote)
            return new InvalidFxRate($"the market rate ({market}) and the customer rate ({customerRate}) are not for the same direction");
        if (!sell.IsPositive)
            return new InvalidFxRate($"the amount to sell must be above zero, got {sell}");

        var customerSide = Apply(sell, customerRate, rounding);
        var marketSide = Apply(sell, market, rounding);
        if (!customerSide.IsSuccess)
            return customerSide.Error;
        if (!marketSide.IsSuccess)
            return marketSide.Error;
        var (bought, residue) = customerSide.Value;
        var marketValue = marketSide.Value.Amount;
        if (bought.IsZero)
            return new InvalidFxRate($"{sell} converts to less than one minor unit of {customerRate.Quote.Code}");
        if (marketValue < bought)
            return new InvalidFxRate($"the customer rate ({customerRate}) is better than the market rate ({market}); the spread would be negative");
        return new FxConversion(sell, bought, marketValue - bought, customerRate, market, rounding, residue);
    }

    private static Result<(Money Amount, decimal Residue)> Apply(Money sell, FxRate rate, FxRounding rounding)
    {
        // quote minor = sell minor × rate × 10^(quote scale − base scale), done exactly as a fraction.
        var (mantissa, rateScale) = Decompose(rate.Rate);
        var numerator = sell.MinorUnits * mantissa * BigInteger.Pow(10, rate.Quote.Scale);
        var denominator = BigInteger.Pow(10, sell.Currency.Scale + rateScale);
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var rounded = quotient + RoundUp(quotient, remainder, denominator, rounding);
        if (rounded > long.MaxValue)
            return new InvalidAmount(sell.ToString(), $"at {rate} it exceeds {long.MaxValue} minor units of {rate.Quote.Code}");
        var residueScale = BigInteger.Pow(10, 20);
        var residue = (decimal)((numerator - rounded * denominator) * residueScale / denominator) / 100_000_000_000_000_000_000m;
        return Result.Success((new Money(rate.Quote, (long)rounded), residue));
    }

    private static BigInteger RoundUp(BigInteger quotient, BigInteger remainder, BigInteger denominator, FxRounding rounding)
    {
        if (remainder.IsZero)
            return BigInteger.Zero;
        var twice = remainder * 2;
        return rounding switch
        {
            FxRounding.Down => BigInteger.Zero,
            FxRounding.Up => BigInteger.One,
            FxRounding.HalfUp => twice >= denominator ? BigInteger.One : BigInteger.Zero,
            FxRounding.HalfEven => twice > denominator || twice == denominator && !quotient.IsEven ? BigInteger.One : BigInteger.Zero,
            _ => throw new ArgumentOutOfRangeException(nameof(rounding)),
        };
    }

    private static (BigInteger Mantissa, int Scale) Decompose(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = new BigInteger((uint)bits[0]) | new BigInteger((uint)bits[1]) << 32 | new BigInteger((uint)bits[2]) << 64;
        return (mantissa, value.Scale);
    }
}
