using System.Globalization;
using DurableTask.Core.History;
using WalletFlow.Core.Payouts;

namespace WalletFlow.Host.Ops;

/// <summary>
/// A payout saga's history as the durable store holds it, in words: each activity scheduled and
/// completed (named by its step, requeries numbered), each timer with its due time, each event raised.
/// </summary>
public static class PayoutTimeline
{
    private static readonly Dictionary<string, string> Steps = new(StringComparer.Ordinal)
    {
        [PayoutActivityNames.Hold] = "Hold",
        [PayoutActivityNames.Submit] = "Submit",
        [PayoutActivityNames.Query] = "Requery",
        [PayoutActivityNames.Settle] = "Settle",
        [PayoutActivityNames.Release] = "Release",
        [PayoutActivityNames.DeadLetter] = "Dead-letter to manual review",
    };

    public static IReadOnlyList<PayoutTimelineLine> From(IReadOnlyList<HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var scheduled = new Dictionary<int, string>();
        var requeries = 0;
        var lines = new List<PayoutTimelineLine>();
        foreach (var e in history)
        {
            switch (e)
            {
                case ExecutionStartedEvent:
                    lines.Add(new(e.Timestamp, "saga", "Saga started", null));
                    break;
                case TaskScheduledEvent s:
                    var step = Steps.TryGetValue(s.Name ?? "", out var known) ? known : s.Name ?? "activity";
                    if (step == "Requery")
                        step = "Requery " + (++requeries).ToString(CultureInfo.InvariantCulture);
                    scheduled[s.EventId] = step;
                    lines.Add(new(e.Timestamp, "activity", step + " scheduled", null));
                    break;
                case TaskCompletedEvent c:
                    lines.Add(new(e.Timestamp, "activity", scheduled.GetValueOrDefault(c.TaskScheduledId, "activity") + " completed", null));
                    break;
                case TaskFailedEvent f:
                    lines.Add(new(e.Timestamp, "activity", scheduled.GetValueOrDefault(f.TaskScheduledId, "activity") + " failed", f.Reason));
                    break;
                case TimerCreatedEvent t:
                    lines.Add(new(e.Timestamp, "timer", "Timer set", "due " + OpsText.Utc(t.FireAt) + $" (+{(t.FireAt - e.Timestamp).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s)"));
                    break;
                case TimerFiredEvent t:
                    lines.Add(new(e.Timestamp, "timer", "Timer fired", "was due " + OpsText.Utc(t.FireAt)));
                    break;
                case EventRaisedEvent r:
                    lines.Add(new(e.Timestamp, "event", "Event received: " + r.Name, null));
                    break;
                case ExecutionCompletedEvent done:
                    lines.Add(new(e.Timestamp, "saga", "Saga finished", done.OrchestrationStatus.ToString()));
                    break;
            }
        }
        return lines;
    }
}
