using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Movements;

/// <summary>
/// The one path every money movement takes (design.md §6): claim the idempotency key, decide under
/// lock, fill the template, post to the ledger with the same key, then write the command, its state,
/// statements and outbox event with the claim's result in one PostgreSQL transaction. A rejection at
/// any step rolls the transaction back: no claim, no command, no event (a retry may then succeed).
/// </summary>
public sealed class MovementPipeline(ICommandStore commands, ITemplateCatalog templates, ILedger ledger)
{
    private static readonly JsonSerializerOptions CanonicalJson = new() { WriteIndented = false };

    /// <summary>Runs one movement.</summary>
    /// <param name="operation">A template name: the operation and the template are the same word.</param>
    /// <param name="key">The command's idempotency key.</param>
    /// <param name="canonicalRequest">The request in canonical form (plain values): its hash is claimed with the key.</param>
    /// <param name="plan">Reads state through the transaction (locked) and decides the movement, or rejects it.</param>
    /// <param name="cancellationToken">Cancels the command (nothing is written unless the commit ran).</param>
    public async Task<Result<MovementReceipt>> RunAsync(
        string operation,
        IdempotencyKey key,
        object canonicalRequest,
        Func<ICommandTransaction, CancellationToken, Task<Result<MovementPlan>>> plan,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var (request, hash) = Canonicalize(operation, canonicalRequest);
        await using var transaction = await commands.BeginAsync(cancellationToken);
        switch (await transaction.ClaimAsync(key, operation, hash, cancellationToken))
        {
            case ClaimResult.Replayed replayed:
                return replayed.Receipt;
            case ClaimResult.Conflicted conflicted:
                return new IdempotencyConflict(key.Value, conflicted.ClaimedBy);
            case ClaimResult.InProgress:
                return new IdempotencyInProgress(key.Value);
        }

        var decided = await plan(transaction, cancellationToken);
        if (!decided.TryGetValue(out var movement, out var rejected))
            return rejected;
        if (movement.Template.Template != operation)
            throw new InvalidOperationException($"Operation {operation} planned template {movement.Template.Template}.");
        var script = templates.Fill(movement.Template);
        if (!script.TryGetValue(out var filled, out rejected))
            return rejected;

        var commandId = CommandId(key);
        var reference = $"{operation}:{key.Value}";
        var metadata = new Dictionary<string, string>(movement.Attributes)
        {
            ["walletflow_command"] = commandId,
            ["walletflow_operation"] = operation,
        };
        var posted = await ledger.PostAsync(new LedgerRequest(filled, key.Value, reference, metadata), cancellationToken);
        if (!posted.TryGetValue(out var transactionPosted, out rejected))
            return rejected is LedgerConflict ? new IdempotencyConflict(key.Value, operation) : rejected;

        var receipt = new MovementReceipt(commandId, operation, transactionPosted.Id, transactionPosted.Timestamp,
            transactionPosted.Postings, movement.Attributes);
        var outbox = new OutboxEvent(movement.AggregateType, movement.AggregateId, movement.EventType,
            DeduplicationId: $"{commandId}:{movement.EventType}", Payload: EventPayload(receipt, movement));
        await transaction.CommitAsync(new CommandRecord(receipt, operation, reference, request, movement.StateChanges,
            StatementEntry.From(transactionPosted.Postings), outbox), cancellationToken);
        return receipt;
    }

    /// <summary>walletflow's command id: derived from the key, so a retry after a crash names the same command.</summary>
    public static string CommandId(IdempotencyKey key) =>
        "cmd_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Value)))[..24];

    /// <summary>A request's canonical JSON and the hash an idempotency claim keeps of it (with the operation).</summary>
    public static (string Json, byte[] Hash) Canonicalize(string operation, object canonicalRequest)
    {
        var json = JsonSerializer.Serialize(canonicalRequest, CanonicalJson);
        return (json, SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + json)));
    }

    private static string EventPayload(MovementReceipt receipt, MovementPlan movement) =>
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
