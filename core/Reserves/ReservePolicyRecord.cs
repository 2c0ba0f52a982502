namespace WalletFlow.Core.Reserves;

/// <summary>An owner's reserve policy as stored, with its last change.</summary>
/// <param name="OwnerId">The owner (of one or more wallets).</param>
/// <param name="RateBps">Share of each pay-in kept in reserve, in basis points (0–10,000).</param>
/// <param name="HoldDays">Days a tranche stays in reserve (0–3,650).</param>
/// <param name="UpdatedAt">When it was last set.</param>
/// <param name="UpdatedBy">Who set it last; null for a policy written before policies had a write path.</param>
public sealed record ReservePolicyRecord(string OwnerId, int RateBps, int HoldDays, DateTimeOffset UpdatedAt, string? UpdatedBy);
