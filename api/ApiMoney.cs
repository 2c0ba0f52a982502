using System.Globalization;
using System.Numerics;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Api;

/// <summary>An amount as v1 writes it: major units as a decimal string, the currency, and the minor units as a string.</summary>
/// <param name="Amount">Major units with exactly the currency's decimals ("1500.00").</param>
/// <param name="Currency">The currency code ("NGN").</param>
/// <param name="AmountMinor">Minor units as an integer string ("150000"): exact at any size.</param>
public sealed record ApiMoney(string Amount, string Currency, string AmountMinor)
{
    public static ApiMoney From(Money money) =>
        new(money.FormatAmount(), money.Currency.Code, money.MinorUnits.ToString(CultureInfo.InvariantCulture));

    /// <summary>A ledger amount of a ledger asset (<c>NGN/2</c>), or null when the asset is not a known currency's.</summary>
    public static ApiMoney? FromLedger(string asset, BigInteger minorUnits) =>
        LedgerAsset.ToMoney(asset, minorUnits) is { IsSuccess: true } money ? From(money.Value) : null;
}
