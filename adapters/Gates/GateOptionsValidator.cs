using Microsoft.Extensions.Options;

namespace WalletFlow.Adapters.Gates;

/// <summary>Rejects a <c>Gates</c> section the timer cannot work with, naming the key.</summary>
public sealed class GateOptionsValidator : IValidateOptions<GateOptions>
{
    public ValidateOptionsResult Validate(string? name, GateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.IntervalMinutes is < 1 or > 1440)
            failures.Add($"{GateOptions.Section}:IntervalMinutes must be between 1 and 1440; it is {options.IntervalMinutes}.");
        if (options.HistoryLimit is < 1 or > 1000)
            failures.Add($"{GateOptions.Section}:HistoryLimit must be between 1 and 1000; it is {options.HistoryLimit}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
