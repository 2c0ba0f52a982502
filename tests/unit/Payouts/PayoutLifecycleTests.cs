using WalletFlow.Core.Movements;
using WalletFlow.Core.Payouts;

namespace WalletFlow.Tests.Unit.Payouts;

/// <summary>The payout lifecycle's rules, read straight from <see cref="PayoutLifecycle"/>.</summary>
public sealed class PayoutLifecycleTests
{
    [Fact]
    public void Nothing_leaves_a_terminal_status_and_manual_review_leaves_only_for_settled_or_released()
    {
        foreach (var terminal in PayoutLifecycle.Terminal)
            Assert.All(Enum.GetValues<PayoutStatus>(), to => Assert.False(PayoutLifecycle.MayMove(terminal, to), $"{terminal} -> {to}"));
        Assert.Equal([PayoutStatus.Settled, PayoutStatus.Released],
            Enum.GetValues<PayoutStatus>().Where(to => to != PayoutStatus.ManualReview && PayoutLifecycle.MayMove(PayoutStatus.ManualReview, to)));
    }

    [Fact]
    public void Money_is_released_only_after_a_provider_answer_and_settled_only_after_one_or_an_operator()
    {
        Assert.Equal([PayoutStatus.Submitted, PayoutStatus.Pending, PayoutStatus.Ambiguous, PayoutStatus.ManualReview],
            PayoutLifecycle.MayMoveFrom(PayoutStatus.Released));
        Assert.Equal(PayoutLifecycle.MayMoveFrom(PayoutStatus.Released), PayoutLifecycle.MayMoveFrom(PayoutStatus.Settled));
    }

    [Fact]
    public void From_submitting_on_a_submit_may_have_been_sent()
    {
        Assert.Equal([PayoutStatus.Requested, PayoutStatus.Held, PayoutStatus.Rejected],
            Enum.GetValues<PayoutStatus>().Where(s => !PayoutLifecycle.SubmitMayHaveBeenSent(s)));
    }

    [Fact]
    public void Only_insufficient_funds_and_invalid_input_end_a_hold_rejected_a_key_in_progress_or_conflicting_does_not()
    {
        Assert.True(PayoutLifecycle.HoldRefusalIsFinal(new InvalidRequest("amount", "Expected a positive amount.")));
        Assert.False(PayoutLifecycle.HoldRefusalIsFinal(new IdempotencyInProgress("payout:po_1:hold")));
        Assert.False(PayoutLifecycle.HoldRefusalIsFinal(new IdempotencyConflict("payout:po_1:hold", "payout-settle")));
        Assert.False(PayoutLifecycle.HoldRefusalIsFinal(new StateConflict("Payout 'po_1' already has a hold.")));
    }

    [Fact]
    public void Each_transition_has_one_event_and_requeries_travel_as_a_number()
    {
        var reply = new ProviderReply(ProviderReplyKind.Pending, "ref-1");
        var requery = PayoutLifecycle.Transitions.Requeried(3, reply);
        Assert.Equal(3, requery.Requeries);
        Assert.Equal(PayoutLifecycle.Requery(3), requery.Step);
        Assert.Equal("PayoutFundsHeld", PayoutLifecycle.Transitions.Held().EventType);
        Assert.Equal("PayoutSettled", PayoutLifecycle.Transitions.Settled(null, null).EventType);
    }
}
