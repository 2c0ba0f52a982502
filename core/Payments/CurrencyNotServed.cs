using WalletFlow.Core.Monetary;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Payments;

/// <summary>A payout in a currency its provider does not pay out in.</summary>
/// <param name="ProviderId">The provider.</param>
/// <param name="Currency">The payout's currency.</param>
/// <param name="Served">What the provider does serve.</param>
public sealed record CurrencyNotServed(string ProviderId, Currency Currency, IReadOnlyCollection<Currency> Served)
    : Rejection(RejectionCodes.CurrencyNotServed,
        $"Payment provider '{ProviderId}' does not pay out in {Currency.Code}; it serves {string.Join(", ", Served.Select(c => c.Code).Order(StringComparer.Ordinal))}.");
