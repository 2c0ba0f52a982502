using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace WalletFlow.Host.Durable;

/// <summary>Every failure names the configuration key, so a wrong setting is fixed in one look.</summary>
public sealed partial class DurableOptionsValidator : IValidateOptions<DurableOptions>
{
    private const string AzureStorage = DurableOptions.Section + ":AzureStorage";

    public ValidateOptionsResult Validate(string? name, DurableOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Backend))
            failures.Add($"{DurableOptions.Section}:Backend must be one of {string.Join(", ", Enum.GetNames<DurableBackendKind>())}; it is {options.Backend}.");
        if (options.SidecarPort is < 0 or > 65535)
            failures.Add($"{DurableOptions.Section}:SidecarPort must be between 0 (a free port) and 65535; it is {options.SidecarPort}.");
        if (options.MaxConcurrentOrchestrations is < 1 or > 1000)
            failures.Add($"{DurableOptions.Section}:MaxConcurrentOrchestrations must be between 1 and 1000; it is {options.MaxConcurrentOrchestrations}.");
        if (options.MaxConcurrentActivities is < 1 or > 1000)
            failures.Add($"{DurableOptions.Section}:MaxConcurrentActivities must be between 1 and 1000; it is {options.MaxConcurrentActivities}.");
        if (options.LeaseSeconds is < 3 or > 3600)
            failures.Add($"{DurableOptions.Section}:LeaseSeconds must be between 3 and 3600; it is {options.LeaseSeconds}.");
        if (options.RetentionDays is < 1 or > 3650)
            failures.Add($"{DurableOptions.Section}:RetentionDays must be between 1 and 3650; it is {options.RetentionDays}.");
        if (options.PurgeInterval < TimeSpan.FromSeconds(1) || options.PurgeInterval > TimeSpan.FromDays(7))
            failures.Add($"{DurableOptions.Section}:PurgeInterval must be between 00:00:01 and 7.00:00:00; it is {options.PurgeInterval}.");
        if (options.Backend == DurableBackendKind.AzureStorage)
        {
            if (string.IsNullOrWhiteSpace(options.AzureStorage.ConnectionString))
                failures.Add($"{AzureStorage}:ConnectionString is required when {DurableOptions.Section}:Backend is AzureStorage.");
            // Azure names the task hub's queues and tables after it, and both have these rules.
            if (!TaskHubName().IsMatch(options.AzureStorage.TaskHubName))
                failures.Add($"{AzureStorage}:TaskHubName must start with a letter and hold 3 to 45 letters or digits; it is '{options.AzureStorage.TaskHubName}'.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]{2,44}\z")]
    private static partial Regex TaskHubName();
}
