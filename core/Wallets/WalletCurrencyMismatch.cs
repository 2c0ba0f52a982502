using WalletFlow.Core.Monetary;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Wallets;

/// <summary>A movement in a currency the wallet does not hold.</summary>
/// <param name="WalletId">The wallet.</param>
/// <param name="WalletCurrency">Its currency.</param>
/// <param name="Requested">The movement's currency.</param>
public sealed record WalletCurrencyMismatch(string WalletId, Currency WalletCurrency, Currency Requested) : Rejection(
    RejectionCodes.CurrencyMismatch,
    $"Wallet '{WalletId}' holds {WalletCurrency.Code}, not {Requested.Code}.");
