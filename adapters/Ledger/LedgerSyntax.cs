using System.Text.RegularExpressions;

namespace WalletFlow.Adapters.Ledger;

/// <summary>Formance's rules for ledger names, account addresses and assets.</summary>
public static partial class LedgerSyntax
{
    public const string World = "world";

    public static bool IsLedgerName(string name) => LedgerName().IsMatch(name);
    public static bool IsAddress(string address) => Address().IsMatch(address);
    public static bool IsAsset(string asset) => Asset().IsMatch(asset);

    [GeneratedRegex("^[0-9A-Za-z_-]{1,63}$")]
    private static partial Regex LedgerName();

    [GeneratedRegex("^[a-zA-Z0-9_-]+(:[a-zA-Z0-9_-]+)*$")]
    private static partial Regex Address();

    [GeneratedRegex(@"^[A-Z][A-Z0-9]{0,16}(_[A-Z]{1,16})?(/\d{1,6})?$")]
    private static partial Regex Asset();
}
