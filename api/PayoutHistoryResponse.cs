using DurableTask.Core.History;
using WalletFlow.Core.Payouts;

namespace WalletFlow.Api;

/// <summary>
/// GET /v1/payouts/{payoutId}/history: the payout's recorded transitions, and its orchestration's own
/// history (activities scheduled and completed, timers created and fired, events raised), with times.
/// </summary>
public sealed record PayoutHistoryResponse(string PayoutId, string Status, IReadOnlyList<PayoutHistoryTransition> Transitions, IReadOnlyList<PayoutHistoryEvent> Orchestration)
{
    public static PayoutHistoryResponse From(Payout payout, IReadOnlyList<RecordedTransition> transitions, IReadOnlyList<HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(payout);
        ArgumentNullException.ThrowIfNull(transitions);
        ArgumentNullException.ThrowIfNull(history);
        return new PayoutHistoryResponse(payout.PayoutId, payout.Status.ToString(),
            transitions.Select(t => new PayoutHistoryTransition(t.Step, t.Status.ToString(), t.Detail, t.At)).ToList(),
            history.Where(e => e.EventType is not (EventType.OrchestratorStarted or EventType.OrchestratorCompleted))
                .Select(PayoutHistoryEvent.From).ToList());
    }
}
