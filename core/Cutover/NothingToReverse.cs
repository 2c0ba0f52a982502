using WalletFlow.Core.Results;

namespace WalletFlow.Core.Cutover;

/// <summary>The wallet has no opening balance from this cutover (never posted, or posted by another): a rollback has nothing to reverse there.</summary>
public sealed record NothingToReverse(string WalletId, string CutoverId)
    : Rejection(RejectionCodes.StateConflict, $"Wallet '{WalletId}' has no opening balance from cutover '{CutoverId}'.");
