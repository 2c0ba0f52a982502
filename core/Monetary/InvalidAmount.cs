using WalletFlow.Core.Results;

namespace WalletFlow.Core.Monetary;

/// <summary>An amount that cannot be read as money: garbage, an exponent, too many decimals, too large.</summary>
/// <param name="Input">The text as given.</param>
/// <param name="Reason">Why it was refused.</param>
public sealed record InvalidAmount(string Input, string Reason) : Rejection(
    RejectionCodes.InvalidAmount,
    $"Invalid amount '{Input}': {Reason}");
