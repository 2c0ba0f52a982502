using WalletFlow.Core.Results;

namespace WalletFlow.Core.Monetary;

/// <summary>Ratios or percentages that cannot split an amount (none, negative, all zero, not 100%).</summary>
/// <param name="Reason">Why.</param>
public sealed record InvalidAllocation(string Reason) : Rejection(
    RejectionCodes.InvalidAllocation,
    $"Cannot allocate: {Reason}");
