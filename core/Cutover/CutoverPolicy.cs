namespace WalletFlow.Core.Cutover;

/// <summary>How a cutover's rows are worked: rows per batch activity, and rows of one batch posted at a time.</summary>
/// <param name="BatchSize">Rows per batch (one activity each; the batches run fanned out).</param>
/// <param name="RowsInFlight">Rows of one batch in flight at once (the ledger's group commit takes them together).</param>
public sealed record CutoverPolicy(int BatchSize = 200, int RowsInFlight = 16)
{
    /// <summary>How many batches <paramref name="rows"/> rows make.</summary>
    public int BatchesFor(int rows) => (rows + BatchSize - 1) / BatchSize;
}
