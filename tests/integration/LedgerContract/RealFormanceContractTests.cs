namespace WalletFlow.Tests.Integration.LedgerContract;

/// <summary>
/// Target (3): the Formance adapter against a real Formance Ledger v2, when <c>FORMANCE_URL</c> names
/// one (the URL that serves <c>/v2/...</c>; <c>FORMANCE_CLIENT_ID</c>, <c>FORMANCE_CLIENT_SECRET</c>
/// and <c>FORMANCE_TOKEN_URL</c> add client credentials). Otherwise every test is skipped, saying why.
/// </summary>
public sealed class RealFormanceContractTests : LedgerContractTests, IDisposable
{
    public const string UrlVariable = "FORMANCE_URL";

    private readonly FormanceHttpDriver? _driver;

    public RealFormanceContractTests()
    {
        if (Environment.GetEnvironmentVariable(UrlVariable) is not { Length: > 0 } url)
            return;
        var settings = new Dictionary<string, string?>();
        foreach (var (variable, key) in new[] { ("FORMANCE_CLIENT_ID", "ClientId"), ("FORMANCE_CLIENT_SECRET", "ClientSecret"), ("FORMANCE_TOKEN_URL", "TokenUrl") })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
                settings[$"Ledger:Formance:{key}"] = value;
        }
        _driver = new FormanceHttpDriver(new Uri(url), $"real Formance Ledger at {url}", settings, checkContract: true);
    }

    protected override ILedgerDriver Driver =>
        _driver ?? throw new InvalidOperationException($"{UrlVariable} is not set");

    protected override Task<string> NewLedgerAsync()
    {
        if (_driver is null)
            Assert.Skip($"{UrlVariable} is not set: no real Formance Ledger to run the contract against (set it to a Formance Ledger v2 base URL, e.g. http://127.0.0.1:3068).");
        return base.NewLedgerAsync();
    }

    public void Dispose() => _driver?.Dispose();
}
