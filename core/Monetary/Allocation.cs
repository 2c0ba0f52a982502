using System.Numerics;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Monetary;

/// <summary>
/// Splits an amount by ratios or percentages so the parts always sum exactly to the total.
/// </summary>
/// <remarks>
/// Remainder rule (the same as Numscript allotments, so core and the ledger agree): each part first
/// gets <c>floor(|total| × weight / Σweights)</c> minor units; the minor units left over (fewer than
/// the number of non-zero weights) are then handed out one each to the parts in the order they were
/// given, skipping zero weights. A negative total is split as its absolute value and every part
/// negated. The result depends only on the inputs, so it is deterministic.
/// </remarks>
public static class Allocation
{
    /// <summary>Splits <paramref name="total"/> by non-negative whole ratios (at least one above zero).</summary>
    public static Result<IReadOnlyList<Money>> ByRatios(Money total, IReadOnlyList<long> ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        if (ratios.Count == 0)
            return new InvalidAllocation("no ratios were given");
        if (ratios.Any(r => r < 0))
            return new InvalidAllocation("ratios must not be negative");
        if (ratios.All(r => r == 0))
            return new InvalidAllocation("at least one ratio must be above zero");
        return Result.Success(Split(total, [.. ratios.Select(r => new BigInteger(r))]));
    }

    /// <summary>
    /// Splits <paramref name="total"/> by percentages that are not negative and sum to exactly 100
    /// (decimals allowed: 33.34, 33.33, 33.33).
    /// </summary>
    public static Result<IReadOnlyList<Money>> ByPercentages(Money total, IReadOnlyList<decimal> percentages)
    {
        ArgumentNullException.ThrowIfNull(percentages);
        if (percentages.Count == 0)
            return new InvalidAllocation("no percentages were given");
        if (percentages.Any(p => p < 0))
            return new InvalidAllocation("percentages must not be negative");
        var sum = percentages.Sum();
        if (sum != 100m)
            return new InvalidAllocation($"percentages must sum to 100, they sum to {sum.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

        // Exact integer weights: scale every percentage by the largest number of decimals among them.
        var scale = percentages.Max(p => (int)p.Scale);
        return Result.Success(Split(total, [.. percentages.Select(p => Weight(p, scale))]));
    }

    private static BigInteger Weight(decimal percentage, int scale)
    {
        // decimal → exact integer: mantissa × 10^(scale − own scale).
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(percentage, bits);
        var mantissa = new BigInteger((uint)bits[0]) | new BigInteger((uint)bits[1]) << 32 | new BigInteger((uint)bits[2]) << 64;
        return mantissa * BigInteger.Pow(10, scale - percentage.Scale);
    }

    private static IReadOnlyList<Money> Split(Money total, BigInteger[] weights)
    {
        var sumOfWeights = weights.Aggregate(BigInteger.Zero, BigInteger.Add);
        var amount = BigInteger.Abs(total.MinorUnits);
        var parts = new BigInteger[weights.Length];
        var allocated = BigInteger.Zero;
        for (var i = 0; i < weights.Length; i++)
        {
            parts[i] = amount * weights[i] / sumOfWeights;
            allocated += parts[i];
        }
        var left = amount - allocated;
        for (var i = 0; left > 0; i = (i + 1) % weights.Length)
        {
            if (weights[i].IsZero)
                continue;
            parts[i] += 1;
            left -= 1;
        }
        var sign = total.MinorUnits < 0 ? BigInteger.MinusOne : BigInteger.One;
        return [.. parts.Select(p => new Money(total.Currency, (long)(sign * p)))];
    }
}
