namespace WalletFlow.Core.Cutover;

/// <summary>A stored cutover: one uploaded balances file and where its workflow stands.</summary>
/// <param name="CutoverId">The cutover's id (also its workflow's instance id).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Step">The last step recorded (<see cref="CutoverLifecycle"/>).</param>
/// <param name="Detail">The last transition's detail.</param>
/// <param name="Rows">Rows in the file.</param>
/// <param name="BatchSize">Rows per batch.</param>
/// <param name="Batches">Batches the rows are split into (batch numbers 0 … Batches − 1).</param>
/// <param name="RequestedBy">Who uploaded the file.</param>
/// <param name="LedgerTotals">The ledger's totals per currency as the reconcile step read them; empty before it ran.</param>
/// <param name="CreatedAt">When the file was accepted.</param>
/// <param name="UpdatedAt">The last transition.</param>
public sealed record CutoverRun(
    string CutoverId,
    CutoverStatus Status,
    string Step,
    string? Detail,
    int Rows,
    int BatchSize,
    int Batches,
    string RequestedBy,
    IReadOnlyList<CutoverCurrencyTotal> LedgerTotals,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
