namespace WalletFlow.Api;

/// <summary>One recorded payout transition.</summary>
public sealed record PayoutHistoryTransition(string Step, string Status, string? Detail, DateTimeOffset At);
