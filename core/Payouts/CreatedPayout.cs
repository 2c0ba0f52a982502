namespace WalletFlow.Core.Payouts;

/// <summary>What recording a payout request found.</summary>
/// <param name="Payout">The stored payout (null on a conflict).</param>
/// <param name="Created">True when this request created it.</param>
/// <param name="ConflictReason">Set when the payout id or key belongs to a different request.</param>
public sealed record CreatedPayout(Payout? Payout, bool Created, string? ConflictReason);
