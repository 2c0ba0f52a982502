namespace WalletFlow.Core.Movements;

/// <summary>What one run of <see cref="CompleteOrphanedMovements"/> found and did.</summary>
/// <param name="Checked">Ledger transactions carrying a command that the run listed (those above the checkpoint).</param>
/// <param name="Completed">Commands this run completed from their ledger transaction, oldest transaction first.</param>
/// <param name="CompletedElsewhere">Orphans someone else completed (the client's retry, another process) before this run could claim them.</param>
/// <param name="InProgress">Transaction ids of orphans whose key a running request holds: the next run looks again.</param>
/// <param name="Failed">Transaction id → the error that stopped its completion; the next run tries again.</param>
/// <param name="NeedsOperator">Transaction id → why it can never be completed automatically (no readable record, its key taken by another request).</param>
/// <param name="CheckedThrough">The checkpoint after the run; null when there is none yet.</param>
public sealed record OrphanedMovementsRun(
    int Checked,
    IReadOnlyList<string> Completed,
    IReadOnlyList<string> CompletedElsewhere,
    IReadOnlyList<long> InProgress,
    IReadOnlyDictionary<long, string> Failed,
    IReadOnlyDictionary<long, string> NeedsOperator,
    long? CheckedThrough);
