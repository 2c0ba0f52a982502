using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Ports;

/// <summary>
/// One command's database transaction (design.md §5, §6): the idempotency claim, the state the use
/// case reads under lock, and at the end the command row, state changes, statements, outbox event and
/// the claim's stored result, all committed together. Disposed without commit, nothing is written.
/// Used where the ledger is remote (<see cref="RemoteLedgerMovementWriter"/>); the embedded ledger
/// writes the ledger transaction in the same PostgreSQL transaction instead.
/// </summary>
public interface ICommandTransaction : ICommandState, IAsyncDisposable
{
    /// <summary>Claims <paramref name="key"/> for this request (hash of the canonical request), or says who has it.</summary>
    Task<ClaimResult> ClaimAsync(IdempotencyKey key, string operation, byte[] requestHash, CancellationToken cancellationToken);

    /// <summary>Writes the command and its effects with the claim's result, and commits.</summary>
    Task CommitAsync(CommandRecord record, CancellationToken cancellationToken);
}
