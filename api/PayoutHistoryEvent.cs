using DurableTask.Core.History;

namespace WalletFlow.Api;

/// <summary>One event of a payout saga's orchestration history.</summary>
/// <param name="Type">TaskScheduled, TaskCompleted, TimerCreated, TimerFired, EventRaised, ExecutionCompleted…</param>
/// <param name="Name">The activity or event name, when the event has one.</param>
/// <param name="At">When it happened.</param>
/// <param name="FireAt">For timers: when it is due.</param>
public sealed record PayoutHistoryEvent(string Type, string? Name, DateTime At, DateTime? FireAt)
{
    public static PayoutHistoryEvent From(HistoryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            TaskScheduledEvent s => new(e.EventType.ToString(), s.Name, e.Timestamp, null),
            EventRaisedEvent r => new(e.EventType.ToString(), r.Name, e.Timestamp, null),
            EventSentEvent s => new(e.EventType.ToString(), s.Name, e.Timestamp, null),
            TimerCreatedEvent t => new(e.EventType.ToString(), null, e.Timestamp, t.FireAt),
            TimerFiredEvent t => new(e.EventType.ToString(), null, e.Timestamp, t.FireAt),
            ExecutionStartedEvent s => new(e.EventType.ToString(), s.Name, e.Timestamp, null),
            _ => new(e.EventType.ToString(), null, e.Timestamp, null),
        };
    }
}
