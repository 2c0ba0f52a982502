using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Ledger;

namespace WalletFlow.Host.LedgerApi;

/// <summary>Every failure names the configuration key, so a wrong setting is fixed in one look.</summary>
public sealed class LedgerApiOptionsValidator(IOptions<LedgerOptions> ledger) : IValidateOptions<LedgerApiOptions>
{
    private const string Enabled = LedgerApiOptions.Section + ":" + nameof(LedgerApiOptions.Enabled);
    private const string Urls = LedgerApiOptions.Section + ":" + nameof(LedgerApiOptions.Urls);

    public ValidateOptionsResult Validate(string? name, LedgerApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
            return ValidateOptionsResult.Success;
        var failures = new List<string>();
        // In Formance mode the books are in Formance; the embedded ledger this API serves is not them,
        // and a second door to "the ledger" that is not the ledger is worse than none.
        if (ledger.Value.Mode == LedgerMode.Formance)
            failures.Add($"{Enabled} must be false when {LedgerOptions.Section}:Mode is Formance: the ledger API serves the embedded ledger, which Formance mode does not use.");
        var urls = options.UrlList();
        if (urls.Count == 0)
            failures.Add($"{Urls} must name at least one http(s) URL to listen on when {Enabled} is true.");
        foreach (var url in urls)
        {
            if (!IsListenUrl(url))
                failures.Add($"{Urls} must be http(s) URLs with a port, separated by ';' (http://127.0.0.1:5081); '{url}' is not one.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsListenUrl(string url)
    {
        try
        {
            var address = BindingAddress.Parse(url);
            return !address.IsUnixPipe && !address.IsNamedPipe && address.Host.Length > 0
                && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
