using System.Text.RegularExpressions;

namespace WalletFlow.Adapters.Ledger;

/// <summary>Formance's rules for ledger names, account addresses and assets.</summary>
public static partial class LedgerSyntax
{
    public const string World = "world";

    public static bool IsLedgerName(string name) => LedgerName().IsMatch(name);
    public static bool IsAddress(string address) => Address().IsMatch(address);
    public static bool IsAsset(string asset) => Asset().IsMatch(asset);

    // \z, not $: '$' also matches before a final "\n", which let "wallets:victim:main\n" through as
    // an address. [0-9], not \d: \d is any Unicode digit, which let "USD/٢" through as an asset.
    [GeneratedRegex(@"^[0-9A-Za-z_-]{1,63}\z")]
    private static partial Regex LedgerName();

    [GeneratedRegex(@"^[a-zA-Z0-9_-]+(:[a-zA-Z0-9_-]+)*\z")]
    private static partial Regex Address();

    [GeneratedRegex(@"^[A-Z][A-Z0-9]{0,16}(_[A-Z]{1,16})?(/[0-9]{1,6})?\z")]
    private static partial Regex Asset();
}
