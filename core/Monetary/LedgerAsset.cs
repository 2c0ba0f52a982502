using System.Globalization;
using System.Numerics;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Monetary;

/// <summary>
/// The ledger's name for a currency: <c>CODE/SCALE</c> (<c>NGN/2</c>, <c>JPY/0</c>, <c>USDT/6</c>),
/// amounts being unsigned integers of minor units. This type is the one place where a
/// <see cref="Currency"/>/<see cref="Money"/> turns into a ledger asset and amount and back; both
/// directions check the scale against the currency table, so <c>NGN/3</c> can never be read as naira.
/// </summary>
public readonly record struct LedgerAsset
{
    private LedgerAsset(string code, int scale)
    {
        Code = code;
        Scale = scale;
    }

    /// <summary>The currency code part.</summary>
    public string Code { get; }

    /// <summary>The scale part: digits of the minor unit.</summary>
    public int Scale { get; }

    /// <summary>The asset of a currency.</summary>
    public static LedgerAsset For(Currency currency)
    {
        if (currency.Code is null)
            throw new ArgumentException("default(Currency) has no ledger asset.", nameof(currency));
        return new LedgerAsset(currency.Code, currency.Scale);
    }

    /// <summary>Reads <c>CODE/SCALE</c> and checks it against <paramref name="catalog"/> (the seed table by default).</summary>
    public static Result<LedgerAsset> Parse(string text, CurrencyCatalog? catalog = null)
    {
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash <= 0 || slash == text.Length - 1)
            return new InvalidAsset(text ?? "", "expected CODE/SCALE, for example NGN/2");
        var code = text[..slash];
        var scaleText = text[(slash + 1)..];
        if (!int.TryParse(scaleText, NumberStyles.None, CultureInfo.InvariantCulture, out var scale) ||
            scaleText.Length > 1 && scaleText[0] == '0')
            return new InvalidAsset(text, $"scale '{scaleText}' is not a whole number");
        var found = (catalog ?? CurrencyCatalog.Default).Find(code);
        if (!found.IsSuccess)
            return new InvalidAsset(text, found.Error.Message);
        if (found.Value.Scale != scale)
            return new InvalidAsset(text, $"{code} has scale {found.Value.Scale}, so its asset is {code}/{found.Value.Scale}");
        return new LedgerAsset(code, scale);
    }

    /// <summary>The currency this asset stands for.</summary>
    public Currency ToCurrency(CurrencyCatalog? catalog = null) =>
        (catalog ?? CurrencyCatalog.Default).Require(Code);

    /// <summary>Money as the ledger amount of this asset (minor units, as a ledger integer).</summary>
    public static (LedgerAsset Asset, BigInteger Amount) ToLedger(Money money) =>
        (For(money.Currency), money.MinorUnits);

    /// <summary>A ledger amount of an asset as money; the amount must fit <see cref="long"/>.</summary>
    public static Result<Money> ToMoney(string asset, BigInteger amount, CurrencyCatalog? catalog = null) =>
        Parse(asset, catalog).Then(a => a.ToMoney(amount, catalog));

    /// <summary>A ledger amount of this asset as money; the amount must fit <see cref="long"/>.</summary>
    public Result<Money> ToMoney(BigInteger amount, CurrencyCatalog? catalog = null)
    {
        if (amount < long.MinValue || amount > long.MaxValue)
            return new InvalidAmount(amount.ToString(CultureInfo.InvariantCulture), $"more than {long.MaxValue} minor units of {Code}");
        return new Money(ToCurrency(catalog), (long)amount);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Code}/{Scale.ToString(CultureInfo.InvariantCulture)}";
}
