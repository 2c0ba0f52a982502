using Microsoft.Extensions.Options;

namespace WalletFlow.Adapters.Ledger;

public enum LedgerMode { Embedded, Formance }

/// <summary>
/// Which ledger walletflow posts to: <c>Ledger:Mode</c> = Embedded (in-process, on walletflow's own
/// PostgreSQL) or Formance (a Formance Ledger v2 at <c>Ledger:Formance:BaseUrl</c>), and the ledger's
/// name (<c>Ledger:Name</c>).
/// </summary>
public sealed class LedgerOptions
{
    public const string Section = "Ledger";
    public const string DefaultName = "walletflow";

    public LedgerMode Mode { get; set; } = LedgerMode.Embedded;

    public string Name { get; set; } = DefaultName;

    public FormanceOptions Formance { get; set; } = new();

    /// <summary>
    /// With Formance, how often the orphan reconciler completes ledger transactions whose command commit
    /// was lost (it also runs at start-up).
    /// </summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The Formance Ledger v2 server: its base URL (the one that serves <c>/v2/...</c>), timeouts and
/// retries, and optional OAuth2 client credentials (all three of ClientId, ClientSecret, TokenUrl, or none).
/// </summary>
public sealed class FormanceOptions
{
    public Uri? BaseUrl { get; set; }

    /// <summary>Timeout of one attempt.</summary>
    public int AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>Timeout of a call, retries included.</summary>
    public int TotalTimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of a GET or an idempotency-keyed write after a transient failure.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base delay of the exponential, jittered backoff between retries.</summary>
    public int RetryDelayMilliseconds { get; set; } = 500;

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public Uri? TokenUrl { get; set; }

    /// <summary>Space-separated scopes asked for with the token, if any.</summary>
    public string? Scopes { get; set; }

    public bool UsesClientCredentials => !string.IsNullOrEmpty(ClientId);
}

/// <summary>Every failure names its configuration key.</summary>
public sealed partial class LedgerOptionsValidator : IValidateOptions<LedgerOptions>
{
    private const string Formance = LedgerOptions.Section + ":Formance:";

    public ValidateOptionsResult Validate(string? name, LedgerOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Mode))
            failures.Add($"{LedgerOptions.Section}:Mode must be Embedded or Formance; it is '{options.Mode}'.");
        if (!LedgerSyntax.IsLedgerName(options.Name ?? ""))
            failures.Add($"{LedgerOptions.Section}:Name must be 1 to 63 letters, digits, '_' or '-'; it is '{options.Name}'.");
        if (options.ReconcileInterval < TimeSpan.FromSeconds(1) || options.ReconcileInterval > TimeSpan.FromDays(1))
            failures.Add($"{LedgerOptions.Section}:ReconcileInterval must be between 00:00:01 and 1.00:00:00; it is {options.ReconcileInterval}.");
        if (options.Mode == LedgerMode.Formance)
        {
            var f = options.Formance;
            if (f.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                failures.Add($"{Formance}BaseUrl must be an absolute http(s) URL when {LedgerOptions.Section}:Mode is Formance; it is '{f.BaseUrl}'.");
            if (f.AttemptTimeoutSeconds is < 1 or > 300)
                failures.Add($"{Formance}AttemptTimeoutSeconds must be between 1 and 300; it is {f.AttemptTimeoutSeconds}.");
            if (f.TotalTimeoutSeconds < f.AttemptTimeoutSeconds || f.TotalTimeoutSeconds > 3600)
                failures.Add($"{Formance}TotalTimeoutSeconds must be between AttemptTimeoutSeconds ({f.AttemptTimeoutSeconds}) and 3600; it is {f.TotalTimeoutSeconds}.");
            if (f.MaxRetries is < 0 or > 10)
                failures.Add($"{Formance}MaxRetries must be between 0 and 10; it is {f.MaxRetries}.");
            if (f.RetryDelayMilliseconds is < 1 or > 60_000)
                failures.Add($"{Formance}RetryDelayMilliseconds must be between 1 and 60000; it is {f.RetryDelayMilliseconds}.");
            var credentials = new[] { f.ClientId, f.ClientSecret, f.TokenUrl?.ToString() };
            if (credentials.Any(string.IsNullOrEmpty) && !credentials.All(string.IsNullOrEmpty))
                failures.Add($"{Formance}ClientId, {Formance}ClientSecret and {Formance}TokenUrl go together: set all three for client credentials, or none.");
            if (f.TokenUrl is { IsAbsoluteUri: false })
                failures.Add($"{Formance}TokenUrl must be an absolute URL; it is '{f.TokenUrl}'.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
