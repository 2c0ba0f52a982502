using WalletFlow.Core.Reserves;

namespace WalletFlow.Api;

/// <summary>An owner's reserve policy as v1 answers it.</summary>
/// <param name="OwnerId">The owner.</param>
/// <param name="RateBps">Basis points of each pay-in kept in reserve.</param>
/// <param name="HoldDays">Days a tranche stays in reserve.</param>
/// <param name="UpdatedAt">When it was last set.</param>
/// <param name="UpdatedBy">Who set it last (null when it was written before policies had a write path).</param>
public sealed record ReservePolicyResponse(string OwnerId, int RateBps, int HoldDays, DateTimeOffset UpdatedAt, string? UpdatedBy)
{
    public static ReservePolicyResponse From(ReservePolicyRecord policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new(policy.OwnerId, policy.RateBps, policy.HoldDays, policy.UpdatedAt, policy.UpdatedBy);
    }
}
