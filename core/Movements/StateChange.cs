using WalletFlow.Core.Monetary;
using WalletFlow.Core.Payouts;

namespace WalletFlow.Core.Movements;

/// <summary>A row of command state a movement writes in the same transaction as its claim.</summary>
public abstract record StateChange
{
    private StateChange()
    {
    }

    /// <summary>A hold is opened: its account now holds <paramref name="Amount"/> + <paramref name="Fee"/>.</summary>
    /// <param name="HoldId">The hold id (the last segment of its account).</param>
    /// <param name="WalletId">The wallet.</param>
    /// <param name="Kind">generic or payout.</param>
    /// <param name="Amount">The amount held.</param>
    /// <param name="Fee">The fee held with it (payouts), or zero.</param>
    public sealed record HoldOpened(string HoldId, string WalletId, HoldKind Kind, Money Amount, Money Fee) : StateChange;

    /// <summary>An open hold is settled or released.</summary>
    /// <param name="HoldId">The hold id.</param>
    /// <param name="Outcome">How it closed.</param>
    public sealed record HoldClosed(string HoldId, HoldOutcome Outcome) : StateChange;

    /// <summary>A pay-in put part of itself in the rolling reserve until <paramref name="MaturesAt"/>.</summary>
    /// <param name="TrancheId">The tranche id.</param>
    /// <param name="WalletId">The wallet.</param>
    /// <param name="Amount">The amount reserved.</param>
    /// <param name="MaturesAt">When it may be released.</param>
    public sealed record ReserveTrancheAdded(string TrancheId, string WalletId, Money Amount, DateTimeOffset MaturesAt) : StateChange;

    /// <summary>Matured tranches released to the wallet.</summary>
    /// <param name="TrancheIds">The tranches.</param>
    public sealed record ReserveTranchesReleased(IReadOnlyList<string> TrancheIds) : StateChange;

    /// <summary>
    /// A payout moves in its lifecycle with this movement (hold, settle, release): its transition commits
    /// in the movement's transaction, and the movement's outbox event is the transition's.
    /// </summary>
    /// <param name="PayoutId">The payout.</param>
    /// <param name="Transition">The transition, from <see cref="PayoutLifecycle.Transitions"/>.</param>
    public sealed record PayoutMoved(string PayoutId, PayoutTransition Transition) : StateChange;
}
