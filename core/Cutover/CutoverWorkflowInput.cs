namespace WalletFlow.Core.Cutover;

/// <summary>What the cutover workflows start with: the id and the batch count (the rows stay in PostgreSQL).</summary>
/// <param name="CutoverId">The cutover (the forward workflow's instance id).</param>
/// <param name="Batches">Batch numbers 0 … Batches − 1.</param>
/// <param name="Actor">Who uploaded the file, or who asked for the rollback.</param>
public sealed record CutoverWorkflowInput(string CutoverId, int Batches, string Actor);
