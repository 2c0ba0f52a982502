namespace WalletFlow.Adapters.Movements;

/// <summary>Counters of a <see cref="GroupMovementWriter"/>.</summary>
/// <param name="Queued">Movements waiting for a group now.</param>
/// <param name="Groups">Groups taken from the queue.</param>
/// <param name="MovementsInSharedGroups">Movements that went in a group of more than one.</param>
/// <param name="Splits">Groups PostgreSQL refused that were resent in halves.</param>
public sealed record GroupWriterStatistics(int Queued, long Groups, long MovementsInSharedGroups, long Splits);
