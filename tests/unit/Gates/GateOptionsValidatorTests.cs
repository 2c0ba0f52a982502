using WalletFlow.Adapters.Gates;

namespace WalletFlow.Tests.Unit.Gates;

public class GateOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() =>
        Assert.True(new GateOptionsValidator().Validate(null, new GateOptions()).Succeeded);

    [Theory]
    [InlineData(0, 20, "Gates:IntervalMinutes must be between 1 and 1440; it is 0.")]
    [InlineData(1441, 20, "Gates:IntervalMinutes must be between 1 and 1440; it is 1441.")]
    [InlineData(15, 0, "Gates:HistoryLimit must be between 1 and 1000; it is 0.")]
    public void An_interval_or_history_limit_out_of_range_is_refused_naming_the_key(int interval, int history, string failure)
    {
        var result = new GateOptionsValidator().Validate(null, new GateOptions { IntervalMinutes = interval, HistoryLimit = history });

        Assert.Equal([failure], result.Failures);
    }
}
