using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Telemetry;

namespace WalletFlow.Core.Movements;

/// <summary>
/// A movement that is the ledger's own revert of an earlier transaction (a correction's reversal, a cutover
/// rollback's): every posting swapped, the original marked reverted, so the ledger itself refuses a second
/// revert in either mode, and never forced, so one that would overdraw now is an <see cref="InsufficientFunds"/>
/// refusal. It is recorded as a command with its statement lines and outbox event, like every movement. The
/// ledger commits on its own (two commits, as on a remote ledger): a crash between them is completed by the
/// next run under the same key, whose revert replays.
/// </summary>
public sealed class LedgerRevert(ICommandStore commands, ILedger ledger)
{
    /// <summary>What the revert's command records besides its ledger transaction.</summary>
    /// <param name="AggregateType">The outbox aggregate.</param>
    /// <param name="AggregateId">Its id.</param>
    /// <param name="EventType">The event, past tense.</param>
    /// <param name="Attributes">The receipt's attributes (given the reverted transaction's id).</param>
    public sealed record Recording(string AggregateType, string AggregateId, string EventType, Func<long, IReadOnlyDictionary<string, string>> Attributes);

    /// <summary>
    /// Claims <paramref name="key"/> for <paramref name="operation"/> and the canonical request; then
    /// <paramref name="target"/> names the transaction to revert (or refuses: nothing written), the ledger
    /// reverts it, and the command is recorded. A replay answers the stored receipt.
    /// </summary>
    public async Task<Result<MovementReceipt>> RunAsync(string operation, IdempotencyKey key, object canonicalRequest,
        Func<CancellationToken, Task<Result<long>>> target, Recording recording, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(recording);
        var (canonical, hash) = MovementPipeline.Canonicalize(operation, canonicalRequest);
        using var span = MovementTelemetry.Start(operation);
        var command = new MovementCommand(operation, key, canonical, hash,
            (_, _) => throw new InvalidOperationException($"{operation} is the ledger's revert, not a template."));
        return await MovementTelemetry.ObserveAsync(span, command, RevertTemplate, RevertAsync(command, target, recording, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>What a revert's span names as its template: the ledger's own revert, not a Numscript template.</summary>
    public const string RevertTemplate = "ledger-revert";

    private async Task<Result<MovementReceipt>> RevertAsync(MovementCommand command, Func<CancellationToken, Task<Result<long>>> target,
        Recording recording, CancellationToken cancellationToken)
    {
        var (operation, key, hash) = (command.Operation, command.Key, command.RequestHash);
        await using var transaction = await commands.BeginAsync(cancellationToken);
        var claim = await transaction.ClaimAsync(key, operation, hash, cancellationToken);
        if (MovementSteps.Answer(claim, command) is { } answered)
            return answered;

        if (!(await target(cancellationToken)).TryGetValue(out var transactionId, out var rejected))
            return rejected;
        var reverted = await ledger.RevertAsync(transactionId, key.Value, cancellationToken);
        if (!reverted.TryGetValue(out var reversal, out rejected))
            return rejected;
        var movement = new RecordedMovement(command, recording.AggregateType, recording.AggregateId, recording.EventType, [],
            recording.Attributes(transactionId));
        // Reverted: from here on the command is recorded even if the caller has gone away.
        var record = MovementSteps.Record(movement, reversal);
        await transaction.CommitAsync(record, CancellationToken.None);
        return record.Receipt;
    }
}
