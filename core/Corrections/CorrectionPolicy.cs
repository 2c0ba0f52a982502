namespace WalletFlow.Core.Corrections;

/// <summary>How long a correction waits for a checker before it expires (<c>Corrections:ApprovalTimeout</c>, 72 h by default).</summary>
public sealed record CorrectionPolicy(TimeSpan ApprovalTimeout);
