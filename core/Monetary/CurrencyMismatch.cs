using WalletFlow.Core.Results;

namespace WalletFlow.Core.Monetary;

/// <summary>Two amounts of different currencies were combined; only FX converts between currencies.</summary>
/// <param name="Left">The first operand's currency.</param>
/// <param name="Right">The second operand's currency.</param>
public sealed record CurrencyMismatch(Currency Left, Currency Right) : Rejection(
    RejectionCodes.CurrencyMismatch,
    $"Cannot combine {Left.Code} with {Right.Code}: amounts in different currencies only meet through an FX conversion.");
