namespace WalletFlow.Core.Cutover;

/// <summary>What one batch did: rows done (posted or reversed, or nothing to do) and rows failed.</summary>
public sealed record CutoverBatchResult(int Batch, int Rows, int Done, int Failed);
