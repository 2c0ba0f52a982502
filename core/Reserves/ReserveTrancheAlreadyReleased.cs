using WalletFlow.Core.Results;

namespace WalletFlow.Core.Reserves;

/// <summary>
/// The tranche is no longer in the reserve: a release by hand or an earlier maturity run took it. The
/// maturity timer counts it as done, never as a failure.
/// </summary>
/// <param name="TrancheId">The tranche.</param>
/// <param name="ReleasedBy">The command that released it.</param>
public sealed record ReserveTrancheAlreadyReleased(string TrancheId, string ReleasedBy)
    : Rejection(RejectionCodes.StateConflict, $"Reserve tranche '{TrancheId}' was already released by command {ReleasedBy}.");
