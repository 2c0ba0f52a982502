namespace WalletFlow.Core.Cutover;

/// <summary>How a cutover workflow ended.</summary>
public sealed record CutoverWorkflowResult(CutoverStatus Status, string Detail);
