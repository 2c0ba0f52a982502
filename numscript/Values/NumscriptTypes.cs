using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace WalletFlow.Numscript;

/// <summary>The six Numscript variable types, and how a variable's text value is read as each.</summary>
public static partial class NumscriptTypes
{
    public const string Account = "account";
    public const string Asset = "asset";
    public const string Number = "number";
    public const string Monetary = "monetary";
    public const string Portion = "portion";
    // The Numscript type is spelled "string"; the name mirrors it on purpose.
#pragma warning disable CA1720
    public const string String = "string";
#pragma warning restore CA1720

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Account, Asset, Number, Monetary, Portion, String,
    };

    /// <summary>Account addresses as upstream accepts them: segments of [a-zA-Z0-9_-] joined by ':'.</summary>
    public static bool IsValidAccount(string name) => AccountPattern().IsMatch(name);

    public static bool IsValidAsset(string name) => AssetPattern().IsMatch(name);

    /// <summary>Reads a variable given as text (the <c>vars</c> JSON, or a metadata value).</summary>
    internal static Value? TryParse(string type, string text)
    {
        switch (type)
        {
            case Account:
                return IsValidAccount(text) ? new AccountValue(text) : null;
            case Asset:
                return IsValidAsset(text) ? new AssetValue(text) : null;
            case Number:
                return BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? new NumberValue(n) : null;
            case Monetary:
                var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return parts.Length == 2 && IsValidAsset(parts[0])
                    && BigInteger.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount)
                    ? new MonetaryValue(parts[0], amount)
                    : null;
            case Portion:
                // As upstream: a portion given as text must lie between 0% and 100% inclusive.
                return WalletFlow.Numscript.Portion.TryParse(text, out var portion)
                    && portion.Numerator.Sign >= 0 && portion.CompareTo(WalletFlow.Numscript.Portion.One) <= 0
                    ? new PortionValue(portion)
                    : null;
            case String:
                return new StringValue(text);
            default:
                return null;
        }
    }

    // \z, not $: '$' also matches before a final newline, so "wallets:victim:main\n" would pass.
    [GeneratedRegex(@"^[a-zA-Z0-9_-]+(:[a-zA-Z0-9_-]+)*\z")]
    private static partial Regex AccountPattern();

    [GeneratedRegex(@"^[A-Z][A-Z0-9]*(_[A-Z]*)?(/[0-9]+)?\z")]
    private static partial Regex AssetPattern();
}
