namespace WalletFlow.Core.Ports;

/// <summary>
/// What the orphan reconciler (<see cref="Movements.CompleteOrphanedMovements"/>) reads and keeps in
/// walletflow's database: which commands exist, and how far it has checked the ledger.
/// </summary>
public interface IOrphanedMovementStore
{
    /// <summary>The ones of <paramref name="commandIds"/> that have a command row.</summary>
    Task<IReadOnlySet<string>> FindRecordedAsync(IReadOnlyCollection<string> commandIds, CancellationToken cancellationToken);

    /// <summary>
    /// The ledger transaction id up to which every transaction carrying a command has its command (or
    /// was reported as one that cannot be completed); null before the first checkpoint.
    /// </summary>
    Task<long?> ReadCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>Moves the checkpoint forward to <paramref name="checkedThrough"/>; never back.</summary>
    Task SaveCheckpointAsync(long checkedThrough, CancellationToken cancellationToken);
}
