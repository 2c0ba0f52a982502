using WalletFlow.Core.Movements;
using WalletFlow.Core.Payouts;

namespace WalletFlow.Core.Ports;

/// <summary>The payouts table, its transitions and their outbox events (design.md §7).</summary>
public interface IPayoutStore
{
    /// <summary>
    /// Records a new payout (status Requested, a PayoutRequested event) with a permanent claim on
    /// <paramref name="key"/>, in one transaction. The same payout id or key with the same request returns
    /// the stored payout (Created false); with a different request, a conflict.
    /// </summary>
    Task<CreatedPayout> CreateAsync(Payout payout, IdempotencyKey key, byte[] requestHash, CancellationToken cancellationToken);

    /// <summary>
    /// Records a transition and its outbox event unless its step was already recorded (true when it was
    /// recorded now), and moves the payout to its status when <see cref="PayoutLifecycle.MayMove"/> allows.
    /// </summary>
    Task<bool> RecordAsync(string payoutId, PayoutTransition transition, CancellationToken cancellationToken);

    /// <summary>Sets a payout's detail while it is still in <paramref name="status"/> (why a step is being retried); no transition, no event.</summary>
    Task NoteAsync(string payoutId, PayoutStatus status, string detail, CancellationToken cancellationToken);

    /// <summary>A payout, or null.</summary>
    Task<Payout?> FindAsync(string payoutId, CancellationToken cancellationToken);

    /// <summary>Its recorded transitions in order.</summary>
    Task<IReadOnlyList<RecordedTransition>> TransitionsAsync(string payoutId, CancellationToken cancellationToken);

    /// <summary>Every payout not in a terminal state (for the saga sweeper), oldest first.</summary>
    Task<IReadOnlyList<Payout>> ListUnfinishedAsync(CancellationToken cancellationToken);
}
