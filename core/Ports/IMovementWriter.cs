using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Ports;

/// <summary>
/// The commit step of the movement pipeline: claims the key, plans under lock, posts to the ledger and
/// records the command (<see cref="MovementSteps"/> say what each step does). The embedded ledger's
/// writer does all of it in one PostgreSQL transaction, shared by concurrent movements (group commit);
/// the remote ledger's writer needs two commits (<see cref="RemoteLedgerMovementWriter"/>).
/// </summary>
public interface IMovementWriter
{
    /// <summary>
    /// Runs the command: its receipt once everything is committed, the stored receipt for a replay, or
    /// a rejection (nothing written). Cancelling stops the wait, not a write already sent.
    /// </summary>
    Task<Result<MovementReceipt>> WriteAsync(MovementCommand command, CancellationToken cancellationToken);
}
