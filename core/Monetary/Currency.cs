using WalletFlow.Core.Results;

namespace WalletFlow.Core.Monetary;

/// <summary>
/// A currency or digital asset from seed/currencies.csv: its code, its minor-unit scale (JPY 0,
/// NGN 2, KWD 3, USDT 6) and, for ISO 4217 currencies, its numeric code. Scales are never guessed:
/// a code that is not in the table is an <see cref="UnknownCurrency"/> rejection.
/// </summary>
/// <remarks><c>default(Currency)</c> is not a currency; <see cref="Money"/> refuses it.</remarks>
public readonly record struct Currency
{
    /// <summary>Largest supported scale: 10^18 minor units still fit a <see cref="long"/>.</summary>
    public const int MaxScale = 18;

    /// <summary>Creates a currency; the code must be upper-case <c>[A-Z][A-Z0-9]{2,15}</c> (a Formance asset code).</summary>
    public Currency(string code, int scale, string? numericCode, string name)
    {
        if (!IsWellFormedCode(code))
            throw new ArgumentException($"'{code}' is not a currency code: 3 to 16 upper-case letters or digits, starting with a letter.", nameof(code));
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, MaxScale);
        if (numericCode is not null && (numericCode.Length != 3 || !numericCode.All(char.IsAsciiDigit)))
            throw new ArgumentException($"'{numericCode}' is not an ISO 4217 numeric code (three digits).", nameof(numericCode));
        Code = code;
        Scale = scale;
        NumericCode = numericCode;
        Name = name ?? throw new ArgumentNullException(nameof(name));
    }

    /// <summary>The alphabetic code: <c>NGN</c>, <c>USDT</c>.</summary>
    public string Code { get; }

    /// <summary>Digits after the decimal point in major units; 10^Scale minor units make one major unit.</summary>
    public int Scale { get; }

    /// <summary>The ISO 4217 numeric code (<c>566</c>), or null for digital assets.</summary>
    public string? NumericCode { get; }

    /// <summary>The name as published (<c>Naira</c>).</summary>
    public string Name { get; }

    /// <summary>The ledger asset for this currency, <c>CODE/SCALE</c>.</summary>
    public LedgerAsset LedgerAsset => LedgerAsset.For(this);

    /// <summary>Nigerian naira (scale 2).</summary>
    public static Currency NGN => CurrencyCatalog.Default.Require("NGN");

    /// <summary>US dollar (scale 2).</summary>
    public static Currency USD => CurrencyCatalog.Default.Require("USD");

    /// <summary>Euro (scale 2).</summary>
    public static Currency EUR => CurrencyCatalog.Default.Require("EUR");

    /// <summary>Pound sterling (scale 2).</summary>
    public static Currency GBP => CurrencyCatalog.Default.Require("GBP");

    /// <summary>Kenyan shilling (scale 2).</summary>
    public static Currency KES => CurrencyCatalog.Default.Require("KES");

    /// <summary>Ghana cedi (scale 2).</summary>
    public static Currency GHS => CurrencyCatalog.Default.Require("GHS");

    /// <summary>Yen (scale 0).</summary>
    public static Currency JPY => CurrencyCatalog.Default.Require("JPY");

    /// <summary>Kuwaiti dinar (scale 3).</summary>
    public static Currency KWD => CurrencyCatalog.Default.Require("KWD");

    /// <summary>Bahraini dinar (scale 3).</summary>
    public static Currency BHD => CurrencyCatalog.Default.Require("BHD");

    /// <summary>Tether USD stablecoin (scale 6, added explicitly).</summary>
    public static Currency USDT => CurrencyCatalog.Default.Require("USDT");

    /// <summary>USD Coin stablecoin (scale 6, added explicitly).</summary>
    public static Currency USDC => CurrencyCatalog.Default.Require("USDC");

    /// <summary>Looks a code up in the seed table; an unknown code is a rejection naming it.</summary>
    public static Result<Currency> Find(string code) => CurrencyCatalog.Default.Find(code);

    /// <summary>True for a code shaped like a currency code (not necessarily a known one).</summary>
    public static bool IsWellFormedCode(string? code) =>
        code is { Length: >= 3 and <= 16 } && char.IsAsciiLetterUpper(code[0]) &&
        code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    /// <inheritdoc />
    public override string ToString() => Code ?? "(no currency)";
}
