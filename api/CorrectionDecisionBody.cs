namespace WalletFlow.Api;

/// <summary>POST /v1/corrections/{correctionId}/decision.</summary>
/// <param name="Decision"><c>approve</c> or <c>reject</c>.</param>
/// <param name="Comment">Optional, the checker's note.</param>
public sealed record CorrectionDecisionBody(string? Decision, string? Comment);
