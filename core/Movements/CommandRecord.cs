namespace WalletFlow.Core.Movements;

/// <summary>Everything a completed movement writes, in one PostgreSQL transaction with its claim.</summary>
/// <param name="Receipt">The result stored on the claim and returned to replays.</param>
/// <param name="Template">The template posted.</param>
/// <param name="Reference">The ledger reference.</param>
/// <param name="CanonicalRequest">The canonical request (JSON) whose hash the claim holds.</param>
/// <param name="StateChanges">Holds and tranches opened or closed.</param>
/// <param name="Statements">The statements read model's entries.</param>
/// <param name="Event">The outbox event.</param>
public sealed record CommandRecord(
    MovementReceipt Receipt,
    string Template,
    string Reference,
    string CanonicalRequest,
    IReadOnlyList<StateChange> StateChanges,
    IReadOnlyList<StatementEntry> Statements,
    OutboxEvent Event);
