namespace WalletFlow.Core.Cutover;

/// <summary>One batch of a cutover, by number.</summary>
public sealed record CutoverBatchInput(string CutoverId, int Batch);
