using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace WalletFlow.Adapters.Postgres;

/// <summary>Every failure names the configuration key, so a wrong setting is fixed in one look.</summary>
public sealed partial class PostgresOptionsValidator : IValidateOptions<PostgresOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 0 or > 65535)
            failures.Add($"{PostgresOptions.Section}:Port must be between 0 (a free port) and 65535; it is {options.Port}.");
        if (!DatabaseName().IsMatch(options.Database))
            failures.Add($"{PostgresOptions.Section}:Database must be a lower-case identifier (letters, digits, _; at most 63); it is '{options.Database}'.");
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
            failures.Add($"{PostgresOptions.Section}:DataDirectory must not be empty.");
        if (options.StartTimeoutSeconds is < 1 or > 3600)
            failures.Add($"{PostgresOptions.Section}:StartTimeoutSeconds must be between 1 and 3600; it is {options.StartTimeoutSeconds}.");
        if (options.MaxPoolSize is < 2 or > 1000)
            failures.Add($"{PostgresOptions.Section}:MaxPoolSize must be between 2 and 1000; it is {options.MaxPoolSize}.");
        if (options.BinDirectory is { Length: > 0 } bin && !Directory.Exists(bin))
            failures.Add($"{PostgresOptions.Section}:BinDirectory '{bin}' does not exist.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // \z, not $: '$' also matches before a final newline.
    [GeneratedRegex(@"^[a-z_][a-z0-9_]{0,62}\z")]
    private static partial Regex DatabaseName();
}
