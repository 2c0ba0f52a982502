using WalletFlow.Core.Reserves;

namespace WalletFlow.Api;

/// <summary>POST /v1/reserve-policies: set (insert or replace) an owner's rolling-reserve policy.</summary>
/// <param name="OwnerId">An owner some wallet belongs to.</param>
/// <param name="RateBps">0–10000 basis points of each pay-in kept in reserve.</param>
/// <param name="HoldDays">0–3650 days a tranche stays in reserve.</param>
public sealed record ReservePolicyBody(string? OwnerId, int? RateBps, int? HoldDays)
{
    /// <summary>The use case's request.</summary>
    public SetReservePolicyRequest ToRequest() => new(OwnerId, RateBps, HoldDays);
}
