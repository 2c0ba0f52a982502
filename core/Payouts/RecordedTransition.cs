namespace WalletFlow.Core.Payouts;

/// <summary>A transition as stored, in order.</summary>
/// <param name="Step">The saga step.</param>
/// <param name="Status">The state it set.</param>
/// <param name="Detail">Its detail.</param>
/// <param name="At">When it was recorded.</param>
public sealed record RecordedTransition(string Step, PayoutStatus Status, string? Detail, DateTimeOffset At);
