using WalletFlow.Core.Results;

namespace WalletFlow.Core.Corrections;

/// <summary>A maker deciding their own correction (maker/checker: someone else decides).</summary>
public sealed record SelfApproval(string CorrectionId, string Maker) : Rejection(
    RejectionCodes.Forbidden,
    $"Correction {CorrectionId} was requested by {Maker}; a different principal must decide it (maker/checker).");
