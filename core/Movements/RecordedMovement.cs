namespace WalletFlow.Core.Movements;

/// <summary>
/// What a posted movement records besides its ledger transaction: the command (key, operation,
/// canonical request and its hash) and the plan's outbox aggregate, event, state changes and receipt
/// attributes. <see cref="MovementSteps.Record(RecordedMovement, Ports.LedgerTransaction)"/> builds the
/// command record from it and the transaction; on a remote ledger it also travels on the transaction
/// (<see cref="MovementRecordJson"/>), so a command whose commit was lost can be completed later.
/// </summary>
/// <param name="Command">The command (its plan is not run again).</param>
/// <param name="AggregateType">The outbox aggregate type.</param>
/// <param name="AggregateId">The outbox aggregate id.</param>
/// <param name="EventType">The outbox event.</param>
/// <param name="StateChanges">Holds and tranches opened or closed.</param>
/// <param name="Attributes">The receipt's attributes.</param>
public sealed record RecordedMovement(
    MovementCommand Command,
    string AggregateType,
    string AggregateId,
    string EventType,
    IReadOnlyList<StateChange> StateChanges,
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>What <paramref name="decision"/> records once posted.</summary>
    public static RecordedMovement From(MovementDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var plan = decision.Plan;
        return new RecordedMovement(decision.Command, plan.AggregateType, plan.AggregateId, plan.EventType, plan.StateChanges, plan.Attributes);
    }
}
