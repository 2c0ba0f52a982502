using WalletFlow.Core.Fx;
using WalletFlow.Core.Movements;

namespace WalletFlow.Api;

/// <summary>POST /v1/fx/conversions: FX between two wallets of one owner.</summary>
/// <param name="FromWalletId">The selling wallet.</param>
/// <param name="ToWalletId">The buying wallet.</param>
/// <param name="SellAmount">Major units sold.</param>
/// <param name="SellCurrency">The sold currency.</param>
/// <param name="BuyCurrency">The bought currency.</param>
/// <param name="Rate">Customer rate, a decimal string.</param>
/// <param name="MarketRate">Optional market rate; the spread is measured against it.</param>
public sealed record FxConversionBody(string? FromWalletId, string? ToWalletId, string? SellAmount, string? SellCurrency, string? BuyCurrency, string? Rate, string? MarketRate = null)
{
    /// <summary>The use case's request under the command's key.</summary>
    public ConvertFxRequest ToRequest(IdempotencyKey key) => new(key, FromWalletId, ToWalletId, SellAmount, SellCurrency, BuyCurrency, Rate, MarketRate);
}
