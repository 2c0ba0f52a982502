namespace WalletFlow.Host.LedgerApi;

/// <summary>
/// <c>LedgerApi:*</c>: the embedded ledger's raw Formance-compatible API (<see cref="LedgerApi"/>). It
/// can post from <c>world</c> (create money), force overdrafts and revert anything, so it is an admin
/// surface: off unless enabled, and then on addresses of its own, never on the main API's.
/// </summary>
public sealed class LedgerApiOptions
{
    public const string Section = "LedgerApi";
    public const string DefaultUrls = "http://127.0.0.1:5081";

    /// <summary>Serve the ledger API. Refused at start-up with <c>Ledger:Mode=Formance</c> (there is no embedded ledger to serve).</summary>
    public bool Enabled { get; set; }

    /// <summary>Where it listens when enabled: URLs separated by ';' as in <c>--urls</c>; port 0 picks a free port.</summary>
    public string Urls { get; set; } = DefaultUrls;

    public IReadOnlyList<string> UrlList() =>
        (Urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
