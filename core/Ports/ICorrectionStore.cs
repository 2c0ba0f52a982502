using WalletFlow.Core.Corrections;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Ports;

/// <summary>walletflow.corrections, their transitions and outbox events (design.md §7: maker/checker corrections).</summary>
public interface ICorrectionStore
{
    /// <summary>
    /// Records a new correction (PendingApproval, a CorrectionRequested event) with a permanent claim on
    /// <paramref name="key"/>, in one transaction. The same key and request answer the stored correction
    /// (Created false); the same key with another request is an <see cref="IdempotencyConflict"/>; a reversal
    /// of a transaction another live correction already reverses is a <see cref="StateConflict"/>.
    /// </summary>
    Task<Result<(Correction Correction, bool Created)>> CreateAsync(Correction correction, IdempotencyKey key, byte[] requestHash, CancellationToken cancellationToken);

    /// <summary>A correction, or null.</summary>
    Task<Correction?> FindAsync(string correctionId, CancellationToken cancellationToken);

    /// <summary>Corrections newest first, only those in <paramref name="status"/> when given.</summary>
    Task<IReadOnlyList<Correction>> ListAsync(CorrectionStatus? status, int limit, CancellationToken cancellationToken);

    /// <summary>Its transitions in order.</summary>
    Task<IReadOnlyList<CorrectionTransition>> TransitionsAsync(string correctionId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a correction from <paramref name="from"/> to <paramref name="transition"/>'s status with its
    /// event, in one statement; a decision also records the checker and comment, a posting its ledger
    /// transaction. False (nothing written) when the correction was not in <paramref name="from"/>, or, for
    /// a decision, when its deadline had passed at <paramref name="transition"/>'s time.
    /// </summary>
    Task<bool> MoveAsync(string correctionId, CorrectionStatus from, CorrectionTransition transition, long? ledgerTransactionId, CancellationToken cancellationToken);
}
