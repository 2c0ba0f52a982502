using WalletFlow.Core.Results;

namespace WalletFlow.Core.Monetary;

/// <summary>A ledger asset string that is not <c>CODE/SCALE</c> of a known currency with that scale.</summary>
/// <param name="Asset">The asset as given.</param>
/// <param name="Reason">Why it was refused.</param>
public sealed record InvalidAsset(string Asset, string Reason) : Rejection(
    RejectionCodes.InvalidAsset,
    $"Invalid ledger asset '{Asset}': {Reason}");
