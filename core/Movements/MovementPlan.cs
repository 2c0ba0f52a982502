using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Movements;

/// <summary>
/// A use case's decision, made inside the command's transaction once the state it reads is locked:
/// the template to post, the aggregate whose outbox stream gets the event, and the state to record.
/// </summary>
/// <param name="Template">The template and its typed vars.</param>
/// <param name="AggregateType">The outbox aggregate ("wallet", "hold", "payout"…).</param>
/// <param name="AggregateId">Its id; events of one aggregate are published in order.</param>
/// <param name="EventType">The event, past tense (<c>PayInReceived</c>).</param>
public sealed record MovementPlan(TemplateCall Template, string AggregateType, string AggregateId, string EventType)
{
    /// <summary>State rows the movement opens or closes (holds, reserve tranches).</summary>
    public IReadOnlyList<StateChange> StateChanges { get; init; } = [];

    /// <summary>Receipt attributes (also written as ledger transaction metadata).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}
