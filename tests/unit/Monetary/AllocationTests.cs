using WalletFlow.Core.Monetary;

namespace WalletFlow.Tests.Unit.Monetary;

public class AllocationTests
{
    private static Money Naira(long kobo) => new(Currency.NGN, kobo);

    [Theory]
    [InlineData(100L, new long[] { 1, 1, 1 }, new long[] { 34, 33, 33 })]
    [InlineData(101L, new long[] { 0, 1, 1 }, new long[] { 0, 51, 50 })]
    [InlineData(-100L, new long[] { 1, 1, 1 }, new long[] { -34, -33, -33 })]
    [InlineData(5L, new long[] { 1, 1, 1, 1, 1, 1, 1 }, new long[] { 1, 1, 1, 1, 1, 0, 0 })]
    [InlineData(1000L, new long[] { 70, 20, 10 }, new long[] { 700, 200, 100 })]
    [InlineData(0L, new long[] { 3, 7 }, new long[] { 0, 0 })]
    public void Leftover_minor_units_go_one_each_to_the_earliest_non_zero_shares(long total, long[] ratios, long[] expected)
    {
        var parts = Allocation.ByRatios(Naira(total), ratios).Value;

        Assert.Equal(expected, parts.Select(p => p.MinorUnits));
    }

    [Fact]
    public void Percentages_with_decimals_split_exactly()
    {
        var parts = Allocation.ByPercentages(Naira(10_000), [33.34m, 33.33m, 33.33m]).Value;

        Assert.Equal([3334L, 3333L, 3333L], parts.Select(p => p.MinorUnits));
    }

    [Fact]
    public void Allocation_of_the_largest_amount_does_not_overflow()
    {
        var parts = Allocation.ByRatios(new Money(Currency.USD, long.MinValue), [1, 1]).Value;

        Assert.Equal(long.MinValue, parts[0].MinorUnits + parts[1].MinorUnits);
    }

    [Theory]
    [InlineData(new long[0], "no ratios")]
    [InlineData(new long[] { 1, -1 }, "must not be negative")]
    [InlineData(new long[] { 0, 0 }, "at least one ratio")]
    public void Ratios_that_cannot_split_are_rejected(long[] ratios, string reason)
    {
        var error = Assert.IsType<InvalidAllocation>(Allocation.ByRatios(Naira(100), ratios).Error);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Percentages_must_sum_to_exactly_one_hundred()
    {
        var error = Assert.IsType<InvalidAllocation>(Allocation.ByPercentages(Naira(100), [50m, 49.99m]).Error);
        Assert.Contains("sum to 99.99", error.Message, StringComparison.Ordinal);
    }
}
