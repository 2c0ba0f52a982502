namespace WalletFlow.Core.Reserves;

/// <summary>Set an owner's reserve policy (POST /v1/reserve-policies, <c>walletflow reserves set</c>).</summary>
/// <param name="OwnerId">An owner some wallet belongs to.</param>
/// <param name="RateBps">0–10,000 basis points of each pay-in.</param>
/// <param name="HoldDays">0–3,650 days until a tranche matures.</param>
public sealed record SetReservePolicyRequest(string? OwnerId, int? RateBps, int? HoldDays);
