using WalletFlow.Core.Results;

namespace WalletFlow.Core.Monetary;

/// <summary>A currency code that is not in seed/currencies.csv (no scale is ever guessed).</summary>
/// <param name="RequestedCode">The code as given.</param>
public sealed record UnknownCurrency(string RequestedCode) : Rejection(
    RejectionCodes.UnknownCurrency,
    $"Unknown currency '{RequestedCode}': it is not in the currency table (seed/currencies.csv).");
