using System.Numerics;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Fx;

/// <summary>
/// The result of converting an amount: every number the ledger needs so the conversion foots
/// (design.md §2: the spread and the rounding remainder land in named accounts).
/// <para>
/// With x = sell × market rate, y = sell × customer rate (exact, in quote minor units) and
/// round(·) the conversion's <see cref="Rounding"/>:
/// <see cref="MarketValue"/> M = round(x), <see cref="Bought"/> B = round(y),
/// <see cref="Spread"/> S = round(x − y) (the exact spread, rounded on its own), and
/// <see cref="RoundingRemainder"/> R = M − B − S. The FX position <c>fx:BASE-QUOTE</c> receives
/// <see cref="Sold"/> in the base currency and pays B (customer) + S (<c>revenue:fx-spread</c>) +
/// R (<c>revenue:fx-rounding</c>) = M in the quote currency, so each asset's postings balance on
/// their own and the spread account holds exactly the priced spread, not rounding noise.
/// </para>
/// <para>
/// Since x = y + (x − y), R is the whole-unit sum of the three rounding errors, and its bound depends
/// on the mode (x, y, x − y ≥ 0): Down R ∈ {0, 1}; Up R ∈ {−1, 0}; HalfUp and HalfEven
/// R ∈ {−1, 0, 1}. A Numscript send cannot be negative and revenue is never a source, so only
/// Down's remainder can be posted by <c>fx-conversion</c>: <see cref="ConvertFx"/> uses Down. Without
/// a market rate, x = y, so S = R = 0 in every mode.
/// </para>
/// </summary>
/// <param name="Sold">What the customer sells, in the base currency.</param>
/// <param name="Bought">B: what the customer receives at the customer rate, rounded as asked.</param>
/// <param name="Spread">S: the exact spread sell × (market − customer) rounded as asked, in the quote currency; never negative.</param>
/// <param name="RoundingRemainder">R = M − B − S, whole quote minor units; bounds by mode above (Down: 0 or 1).</param>
/// <param name="CustomerRate">The rate applied to the customer.</param>
/// <param name="MarketRate">The reference rate the spread is measured against (the customer rate when none is given).</param>
/// <param name="Rounding">The rounding used for the market value, the bought amount and the spread.</param>
/// <param name="RoundingResidue">
/// Exact market value minus <see cref="MarketValue"/> (x − M), in quote minor units (|residue| &lt; 1), truncated
/// to 20 places: the sub-unit part no posting can carry, so B + S + R + residue = x exactly. Without a market
/// rate it is the customer's own residue, y − B.
/// </param>
public sealed record FxConversion(
    Money Sold,
    Money Bought,
    Money Spread,
    Money RoundingRemainder,
    FxRate CustomerRate,
    FxRate MarketRate,
    FxRounding Rounding,
    decimal RoundingResidue)
{
    /// <summary>M = B + S + R: what the position pays out in the quote currency, the sold amount's market value rounded.</summary>
    public Money MarketValue => Bought + Spread + RoundingRemainder;

    /// <summary>
    /// Converts <paramref name="sell"/> at <paramref name="customerRate"/> (whose base must be the
    /// sold currency). With a <paramref name="marketRate"/>, the spread is the exact difference between
    /// the market value and what the customer gets, rounded; a customer rate better than market is
    /// refused, since it would turn the spread into a loss.
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
        if (market.Rate < customerRate.Rate)
            return new InvalidFxRate($"the customer rate ({customerRate}) is better than the market rate ({market}); the spread would be negative");

        // Exact quote minor units as fractions over one denominator: value = numerator / denominator.
        var (customerMantissa, customerScale) = Decompose(customerRate.Rate);
        var (marketMantissa, marketScale) = Decompose(market.Rate);
        var rateScale = Math.Max(customerScale, marketScale);
        var denominator = BigInteger.Pow(10, sell.Currency.Scale + rateScale);
        var toQuote = sell.MinorUnits * BigInteger.Pow(10, customerRate.Quote.Scale);
        var customerExact = toQuote * customerMantissa * BigInteger.Pow(10, rateScale - customerScale);
        var marketExact = toQuote * marketMantissa * BigInteger.Pow(10, rateScale - marketScale);
        var spreadExact = marketExact - customerExact;

        var marketValue = Round(marketExact, denominator, rounding);
        var bought = Round(customerExact, denominator, rounding);
        var spread = Round(spreadExact, denominator, rounding);
        // Rounding is monotone and 0 ≤ y ≤ x, 0 ≤ x − y ≤ x, so M bounds B and S: one check covers all three.
        if (marketValue > long.MaxValue)
            return new InvalidAmount(sell.ToString(), $"at {market} it exceeds {long.MaxValue} minor units of {market.Quote.Code}");
        if (bought.IsZero)
            return new InvalidFxRate($"{sell} converts to less than one minor unit of {customerRate.Quote.Code}");

        var quote = customerRate.Quote;
        var residueScale = BigInteger.Pow(10, 20);
        var residue = (decimal)((marketExact - marketValue * denominator) * residueScale / denominator) / 100_000_000_000_000_000_000m;
        return new FxConversion(
            sell,
            new Money(quote, (long)bought),
            new Money(quote, (long)spread),
            new Money(quote, (long)(marketValue - bought - spread)),
            customerRate,
            market,
            rounding,
            residue);
    }

    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/> (both ≥ 0) to a whole number with <paramref name="rounding"/>.</summary>
    private static BigInteger Round(BigInteger numerator, BigInteger denominator, FxRounding rounding)
    {
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        if (remainder.IsZero)
            return quotient;
        var twice = remainder * 2;
        return quotient + rounding switch
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
