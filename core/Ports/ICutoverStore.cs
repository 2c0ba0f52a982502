using WalletFlow.Core.Cutover;
using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Ports;

/// <summary>Cutovers, their rows and transitions (PostgreSQL: walletflow.cutovers, cutover_rows, cutover_transitions, outbox).</summary>
public interface ICutoverStore
{
    /// <summary>
    /// Stores a validated file as a new cutover in one transaction: the key's claim, the cutover, its
    /// rows (numbered into batches of <paramref name="batchSize"/>) and its Accepted transition with its
    /// event. The same key and file answers the stored cutover; the same key with another file a
    /// conflict; another cutover that is neither live nor rolled back blocks it.
    /// </summary>
    Task<CreatedCutover> CreateAsync(string cutoverId, IdempotencyKey key, byte[] fileHash, IReadOnlyList<CutoverRow> rows, int batchSize, string actor, CancellationToken cancellationToken);

    /// <summary>A cutover, or null.</summary>
    Task<CutoverRun?> FindAsync(string cutoverId, CancellationToken cancellationToken);

    /// <summary>Records a transition and its event (once per step) and moves the status when <see cref="CutoverLifecycle.MayMove"/> allows; answers the cutover as it then stands.</summary>
    Task<CutoverRun> RecordAsync(string cutoverId, CutoverTransition transition, CancellationToken cancellationToken);

    /// <summary>The rows of one batch, in line order.</summary>
    Task<IReadOnlyList<CutoverRow>> BatchAsync(string cutoverId, int batch, CancellationToken cancellationToken);

    /// <summary>Every row, in line order.</summary>
    Task<IReadOnlyList<CutoverRow>> RowsAsync(string cutoverId, CancellationToken cancellationToken);

    /// <summary>Writes what the posting step did with each row (a row done clears an earlier failure).</summary>
    Task RecordPostingsAsync(string cutoverId, IReadOnlyList<CutoverRowOutcome> outcomes, CancellationToken cancellationToken);

    /// <summary>Writes what the rollback did with each row.</summary>
    Task RecordReversalsAsync(string cutoverId, IReadOnlyList<CutoverRowOutcome> outcomes, CancellationToken cancellationToken);

    /// <summary>Keeps the ledger's totals per currency as the reconcile step read them.</summary>
    Task SaveLedgerTotalsAsync(string cutoverId, IReadOnlyList<CutoverCurrencyTotal> totals, CancellationToken cancellationToken);

    /// <summary>The counts per step, the file's totals, and the first <paramref name="failureLimit"/> failures.</summary>
    Task<CutoverProgress> ProgressAsync(string cutoverId, int failureLimit, CancellationToken cancellationToken);

    /// <summary>The transitions recorded, oldest first.</summary>
    Task<IReadOnlyList<CutoverStepRecord>> TransitionsAsync(string cutoverId, CancellationToken cancellationToken);
}
