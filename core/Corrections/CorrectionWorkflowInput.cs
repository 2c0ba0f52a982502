namespace WalletFlow.Core.Corrections;

/// <summary>The correction workflow's input.</summary>
/// <param name="CorrectionId">The correction (and the instance id).</param>
/// <param name="ExpiresAt">The deadline for a decision, fixed when the correction was requested.</param>
public sealed record CorrectionWorkflowInput(string CorrectionId, DateTimeOffset ExpiresAt);
