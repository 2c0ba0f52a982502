using WalletFlow.Core.Results;

namespace WalletFlow.Core.Fx;

/// <summary>A rate or conversion request that cannot be honoured (wrong direction, non-positive rate…).</summary>
/// <param name="Reason">Why.</param>
public sealed record InvalidFxRate(string Reason) : Rejection(
    RejectionCodes.InvalidFxRate,
    $"Invalid FX conversion: {Reason}");
