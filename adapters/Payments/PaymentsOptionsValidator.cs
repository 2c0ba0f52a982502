using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Adapters.Payments;

/// <summary>Every failure names its configuration key, so a wrong provider setting is fixed in one look.</summary>
public sealed partial class PaymentsOptionsValidator : IValidateOptions<PaymentsOptions>
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);
    private const int MinSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, PaymentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (id, provider) in options.Providers.OrderBy(p => p.Key, StringComparer.Ordinal))
            ValidateProvider(id, provider, options.Sandbox.Enabled, failures);
        ValidateSandbox(options.Sandbox, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateProvider(string id, PaymentProviderOptions? provider, bool sandboxEnabled, List<string> failures)
    {
        var key = $"{PaymentsOptions.Section}:Providers:{id}:";
        if (!ProviderId().IsMatch(id))
            failures.Add($"{PaymentsOptions.Section}:Providers:{id} is not a provider id: 1 to 63 lower-case letters, digits, '_' or '-' (it names the account clearing:payouts:{{id}}).");
        if (provider is null)
        {
            failures.Add($"{PaymentsOptions.Section}:Providers:{id} has no settings.");
            return;
        }
        var inProcessSandbox = id == SandboxRailOptions.ProviderId && sandboxEnabled;
        if (provider.BaseUrl is null && !inProcessSandbox)
            failures.Add($"{key}BaseUrl is required: the provider's absolute http(s) URL.");
        else if (provider.BaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            failures.Add($"{key}BaseUrl must be an absolute http(s) URL; it is '{url}'.");

        var codes = PaymentProviderRegistry.CurrencyCodes(provider.Currencies);
        if (codes.Count == 0)
            failures.Add($"{key}Currencies is required: the currency codes the provider pays out in, comma-separated (NGN,KES).");
        foreach (var code in codes)
        {
            if (!CurrencyCatalog.Default.Find(code).IsSuccess)
                failures.Add($"{key}Currencies names '{code}', which is not a currency of seed/currencies.csv.");
        }

        if (provider.SubmitTimeout <= TimeSpan.Zero || provider.SubmitTimeout > MaxTimeout)
            failures.Add($"{key}SubmitTimeout must be above zero and at most {MaxTimeout:c}; it is {provider.SubmitTimeout:c}.");
        if (provider.QueryTimeout <= TimeSpan.Zero || provider.QueryTimeout > MaxTimeout)
            failures.Add($"{key}QueryTimeout must be above zero and at most {MaxTimeout:c}; it is {provider.QueryTimeout:c}.");
        if (provider.WebhookTolerance < TimeSpan.FromSeconds(1) || provider.WebhookTolerance > TimeSpan.FromHours(1))
            failures.Add($"{key}WebhookTolerance must be between 00:00:01 and 01:00:00; it is {provider.WebhookTolerance:c}.");
        if (provider.WebhookSecret is { } secret && secret.Length < MinSecretLength)
            failures.Add($"{key}WebhookSecret must be at least {MinSecretLength} characters (it keys HMAC-SHA256); it has {secret.Length}.");
        if (provider.ApiKey is { } apiKey && (apiKey.Length == 0 || apiKey.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
            failures.Add($"{key}ApiKey must be a non-empty token without spaces or control characters (it travels in the Authorization header).");
    }

    private static void ValidateSandbox(SandboxRailOptions sandbox, List<string> failures)
    {
        const string key = PaymentsOptions.Section + ":Sandbox:";
        if (sandbox.Port is < 0 or > 65535)
            failures.Add($"{key}Port must be between 0 (a free port) and 65535; it is {sandbox.Port}.");
        if (sandbox.SettleAfterQueries is < 1 or > 1000)
            failures.Add($"{key}SettleAfterQueries must be between 1 and 1000; it is {sandbox.SettleAfterQueries}.");
        if (sandbox.SlowResponseDelay is { } delay && (delay <= TimeSpan.Zero || delay > TimeSpan.FromHours(1)))
            failures.Add($"{key}SlowResponseDelay must be above zero and at most 01:00:00; it is {delay:c}.");
        if (sandbox.WebhookUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            failures.Add($"{key}WebhookUrl must be an absolute http(s) URL; it is '{url}'.");
    }

    // \z, not $: '$' also matches before a final newline.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]{0,62}\z")]
    private static partial Regex ProviderId();
}
