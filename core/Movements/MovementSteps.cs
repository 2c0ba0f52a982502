using System.Globalization;
using System.Text.Json;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Movements;

/// <summary>
/// The steps of one movement, in order, as every <see cref="IMovementWriter"/> runs them: claim
/// (<see cref="Answer"/>), plan and fill (<see cref="DecideAsync"/>), post, record
/// (<see cref="Record(MovementDecision, LedgerTransaction)"/>). A writer decides only how they share transactions.
/// </summary>
public static class MovementSteps
{
    /// <summary>Metadata key naming the command on its ledger transaction (a reconciler finds orphans by it).</summary>
    public const string CommandMetadata = "walletflow_command";

    /// <summary>Metadata key naming the operation on its ledger transaction.</summary>
    public const string OperationMetadata = "walletflow_operation";

    /// <summary>
    /// Metadata key holding, on a remote ledger's transaction, what the command records besides the
    /// transaction (<see cref="MovementRecordJson"/>): the orphan reconciler completes a command from it.
    /// </summary>
    public const string RecordMetadata = "walletflow_record";

    /// <summary>The one JSON form of what a command hashes and emits: compact, as written.</summary>
    internal static readonly JsonSerializerOptions CanonicalJson = new() { WriteIndented = false };

    /// <summary>
    /// What a claim that is not ours answers: the stored receipt (marking the command <see cref="MovementCommand.Replayed"/>),
    /// a conflict, or "in progress"; null when the key is ours.
    /// </summary>
    public static Result<MovementReceipt>? Answer(ClaimResult claim, MovementCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        switch (claim)
        {
            case ClaimResult.Replayed replayed:
                command.Replayed = true;
                return replayed.Receipt;
            case ClaimResult.Conflicted conflicted:
                return new IdempotencyConflict(command.Key.Value, conflicted.ClaimedBy);
            case ClaimResult.InProgress:
                return new IdempotencyInProgress(command.Key.Value);
            default:
                return null;
        }
    }

    /// <summary>Runs the plan on the locked state, checks it planned its own template and fills it.</summary>
    public static async Task<Result<MovementDecision>> DecideAsync(
        MovementCommand command, ICommandState state, ITemplateCatalog templates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(templates);
        var decided = await command.Plan(state, cancellationToken);
        if (!decided.TryGetValue(out var plan, out var rejected))
            return rejected;
        if (plan.Template.Template != command.Operation)
            throw new InvalidOperationException($"Operation {command.Operation} planned template {plan.Template.Template}.");
        var script = templates.Fill(plan.Template);
        if (!script.TryGetValue(out var filled, out rejected))
            return rejected;
        var metadata = new Dictionary<string, string>(plan.Attributes)
        {
            [CommandMetadata] = command.CommandId,
            [OperationMetadata] = command.Operation,
        };
        return new MovementDecision(command, plan, new LedgerRequest(filled, command.Key.Value, command.Reference, metadata));
    }

    /// <summary>A ledger refusal as the command's answer: the ledger's idempotency conflict is the command's.</summary>
    public static Rejection Refused(Rejection ledgerRejection, MovementCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ledgerRejection is LedgerConflict ? new IdempotencyConflict(command.Key.Value, command.Operation) : ledgerRejection;
    }

    /// <summary>Everything the posted movement records with its claim: receipt, state changes, statements, outbox event.</summary>
    public static CommandRecord Record(MovementDecision decision, LedgerTransaction posted) =>
        Record(RecordedMovement.From(decision), posted);

    /// <summary>
    /// The same from a movement's recorded plan (<see cref="MovementRecordJson"/>) and its ledger
    /// transaction: what the writer would have recorded, rebuilt without the client.
    /// </summary>
    public static CommandRecord Record(RecordedMovement movement, LedgerTransaction posted)
    {
        ArgumentNullException.ThrowIfNull(movement);
        ArgumentNullException.ThrowIfNull(posted);
        var command = movement.Command;
        var receipt = new MovementReceipt(command.CommandId, command.Operation, posted.Id, posted.Timestamp, posted.Postings, movement.Attributes);
        var outbox = new OutboxEvent(movement.AggregateType, movement.AggregateId, movement.EventType,
            DeduplicationId: $"{command.CommandId}:{movement.EventType}", Payload: EventPayload(receipt, movement));
        return new CommandRecord(receipt, command.Operation, command.Reference, command.CanonicalRequest, movement.StateChanges,
            StatementEntry.From(posted.Postings), outbox);
    }

    private static string EventPayload(MovementReceipt receipt, RecordedMovement movement) =>
        JsonSerializer.Serialize(new
        {
            commandId = receipt.CommandId,
            operation = receipt.Operation,
            aggregate = new { type = movement.AggregateType, id = movement.AggregateId },
            transactionId = receipt.TransactionId,
            at = receipt.At,
            postings = receipt.Postings.Select(p => new
            {
                source = p.Source.Value,
                destination = p.Destination.Value,
                amount = p.Amount.ToString(CultureInfo.InvariantCulture),
                asset = p.Asset,
            }),
            attributes = receipt.Attributes,
        }, CanonicalJson);
}
