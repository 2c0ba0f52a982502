using WalletFlow.Core.Results;

namespace WalletFlow.Core.Gates;

/// <summary>New payouts are paused (<see cref="Flags.FeatureFlagNames.PayoutsPaused"/>) until an operator acknowledges the failed gate.</summary>
/// <param name="Reason">Why: the failed run and its first finding.</param>
/// <param name="PausedBy">Who set the pause (<see cref="GateRunner.Actor"/> for a failed run).</param>
/// <param name="PausedAt">When.</param>
public sealed record PayoutsPaused(string Reason, string PausedBy, DateTimeOffset PausedAt) : Rejection(
    RejectionCodes.PayoutsPaused,
    $"New payouts are paused until an operator acknowledges: {Reason}");
