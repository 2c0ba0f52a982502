using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Fx;

/// <summary>FX between two wallets of one owner (POST /v1/fx/conversions).</summary>
/// <param name="Key">The command's idempotency key.</param>
/// <param name="FromWalletId">The wallet that sells (holds <paramref name="SellCurrency"/>).</param>
/// <param name="ToWalletId">The wallet that buys (holds <paramref name="BuyCurrency"/>), same owner.</param>
/// <param name="SellAmount">Major units of the sold currency, as text.</param>
/// <param name="SellCurrency">The sold currency code.</param>
/// <param name="BuyCurrency">The bought currency code.</param>
/// <param name="Rate">The customer rate: buy major units per one sell major unit, decimal text.</param>
/// <param name="MarketRate">Optional reference rate, not below <paramref name="Rate"/>; the spread is the sold amount × (market − customer), rounded down, and the whole minor unit the separate roundings may leave goes to <c>revenue:fx-rounding</c>. Absent, both are zero.</param>
public sealed record ConvertFxRequest(
    IdempotencyKey Key,
    string? FromWalletId,
    string? ToWalletId,
    string? SellAmount,
    string? SellCurrency,
    string? BuyCurrency,
    string? Rate,
    string? MarketRate = null);
