using WalletFlow.Core.Results;

namespace WalletFlow.Core.Movements;

/// <summary>A wallet, hold, payout… that does not exist (HTTP 404 when it is the resource, 422 when it is a field).</summary>
/// <param name="Kind">What was looked for: "wallet", "hold"…</param>
/// <param name="Id">Its id.</param>
public sealed record NotFound(string Kind, string Id) : Rejection(
    RejectionCodes.NotFound,
    $"No {Kind} '{Id}'.");
