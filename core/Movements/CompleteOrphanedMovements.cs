using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Movements;

/// <summary>
/// The orphan reconciler. On a remote ledger a movement commits twice, the ledger's transaction first
/// (<see cref="RemoteLedgerMovementWriter"/>); a crash or a lost connection before the command's
/// commit leaves a ledger transaction with no command, statement, hold or outbox row. This finds every
/// ledger transaction carrying <see cref="MovementSteps.CommandMetadata"/> whose command is missing
/// and completes it from its <see cref="MovementSteps.RecordMetadata"/> under the command's own
/// idempotency claim, so the books converge without the client's retry, and a retry afterwards is a
/// replay of the same receipt. The claim makes it safe beside live writers and other reconcilers: a key
/// in flight is left for the next run, a key completed meanwhile is skipped.
/// </summary>
public sealed class CompleteOrphanedMovements(ILedger ledger, ICommandStore commands, IOrphanedMovementStore store, TimeProvider time)
{
    /// <summary>
    /// How old a transaction must be before the checkpoint moves past it. A ledger hands out ids before
    /// its commits finish, so a lower id can become visible after a higher one; transactions younger
    /// than this are listed again by the next run instead.
    /// </summary>
    public static readonly TimeSpan CheckpointLag = TimeSpan.FromMinutes(5);

    /// <summary>Transactions listed per ledger call.</summary>
    public const int PageSize = 200;

    /// <summary>Checks every transaction above the checkpoint and completes the orphans among them, oldest first.</summary>
    public async Task<OrphanedMovementsRun> RunAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await store.ReadCheckpointAsync(cancellationToken);
        var settledBefore = time.GetUtcNow() - CheckpointLag;
        var orphans = new List<LedgerTransaction>();
        var listed = 0;
        long? newest = null;
        long? lowestHeld = null;
        for (long? before = null; ;)
        {
            var page = await ledger.ListTransactionsWithMetadataAsync(MovementSteps.CommandMetadata, checkpoint, before, PageSize, cancellationToken);
            if (page.Transactions.Count == 0)
                break;
            newest ??= page.Transactions[0].Id;
            var recorded = await store.FindRecordedAsync(page.Transactions.Select(CommandIdOf).Distinct().ToList(), cancellationToken);
            foreach (var transaction in page.Transactions)
            {
                listed++;
                if (transaction.Timestamp > settledBefore)
                    lowestHeld = Lowest(lowestHeld, transaction.Id);
                if (!recorded.Contains(CommandIdOf(transaction)))
                    orphans.Add(transaction);
            }
            if (!page.HasMore)
                break;
            before = page.Transactions[^1].Id;
        }

        var completed = new List<string>();
        var elsewhere = new List<string>();
        var inProgress = new List<long>();
        var failed = new Dictionary<long, string>();
        var needsOperator = new Dictionary<long, string>();
        // Oldest first: the outbox then holds each aggregate's events in ledger order.
        foreach (var orphan in orphans.OrderBy(t => t.Id))
        {
            if (!MovementRecordJson.TryRead(orphan, out var movement, out var problem))
            {
                needsOperator[orphan.Id] = problem;
                continue;
            }
            try
            {
                switch (await CompleteAsync(movement, orphan, cancellationToken))
                {
                    case ClaimResult.Claimed:
                        completed.Add(movement.Command.CommandId);
                        break;
                    case ClaimResult.Replayed:
                        elsewhere.Add(movement.Command.CommandId);
                        break;
                    case ClaimResult.InProgress:
                        inProgress.Add(orphan.Id);
                        lowestHeld = Lowest(lowestHeld, orphan.Id);
                        break;
                    case ClaimResult.Conflicted conflicted:
                        needsOperator[orphan.Id] = $"its key '{movement.Command.Key}' is claimed by another request ({conflicted.ClaimedBy})";
                        break;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One orphan whose rows cannot be written (a hold id taken since, say) must not stop the
                // others; it is tried again, and reported, on every run until an operator resolves it.
                failed[orphan.Id] = e.Message;
                lowestHeld = Lowest(lowestHeld, orphan.Id);
            }
        }

        var checkedThrough = newest is not { } top ? checkpoint : lowestHeld is { } held ? Math.Min(top, held - 1) : top;
        if (checkedThrough is { } through && through >= 0 && (checkpoint is null || through > checkpoint))
            await store.SaveCheckpointAsync(through, cancellationToken);
        else
            checkedThrough = checkpoint;
        return new OrphanedMovementsRun(listed, completed, elsewhere, inProgress, failed, needsOperator, checkedThrough);
    }

    // Claims the key as the client's own request would, and writes what the writer would have written.
    private async Task<ClaimResult> CompleteAsync(RecordedMovement movement, LedgerTransaction posted, CancellationToken cancellationToken)
    {
        var command = movement.Command;
        await using var transaction = await commands.BeginAsync(cancellationToken);
        var claim = await transaction.ClaimAsync(command.Key, command.Operation, command.RequestHash, cancellationToken);
        if (claim is ClaimResult.Claimed)
            await transaction.CommitAsync(MovementSteps.Record(movement, posted), cancellationToken);
        return claim;
    }

    private static string CommandIdOf(LedgerTransaction transaction) =>
        transaction.Metadata.GetValueOrDefault(MovementSteps.CommandMetadata) ?? "";

    private static long Lowest(long? current, long id) => current is { } c ? Math.Min(c, id) : id;
}
