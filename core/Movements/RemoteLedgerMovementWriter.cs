using System.Diagnostics;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Telemetry;

namespace WalletFlow.Core.Movements;

/// <summary>
/// The movement writer for a ledger reached over HTTP (Formance): the ledger commits on its own, so a
/// movement takes two commits — the ledger's, then the command transaction's. Once the ledger has
/// answered "posted", nothing listens to the caller's cancellation any more: the command is recorded
/// whatever the client does. A crash between the two commits leaves a ledger transaction carrying
/// <see cref="MovementSteps.CommandMetadata"/> and, in <see cref="MovementSteps.RecordMetadata"/>,
/// everything its command records, but no command: the orphan reconciler
/// (<see cref="CompleteOrphanedMovements"/>) completes it without the client, and the client's retry
/// completes it too.
/// </summary>
public sealed class RemoteLedgerMovementWriter(ICommandStore commands, ITemplateCatalog templates, ILedger ledger) : IMovementWriter
{
    /// <inheritdoc/>
    public async Task<Result<MovementReceipt>> WriteAsync(MovementCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var transaction = await commands.BeginAsync(cancellationToken);
        var claim = await transaction.ClaimAsync(command.Key, command.Operation, command.RequestHash, cancellationToken);
        if (MovementSteps.Answer(claim, command) is { } answered)
            return answered;

        var decided = await MovementSteps.DecideAsync(command, transaction, templates, cancellationToken);
        if (!decided.TryGetValue(out var decision, out var rejected))
            return rejected;
        var posted = await PostAsync(command, decision, cancellationToken);
        if (!posted.TryGetValue(out var transactionPosted, out rejected))
        {
            if (rejected is LedgerConflict && await EarlierAttemptAsync(command, cancellationToken) is { } earlier)
            {
                // A first attempt was posted and its command commit lost, and this retry planned
                // differently (a reserve tranche's maturity is read from the clock): the ledger keeps the
                // first, so the command records the first, as the reconciler would.
                var completed = MovementSteps.Record(earlier.Movement, earlier.Transaction);
                await transaction.CommitAsync(completed, CancellationToken.None);
                return completed.Receipt;
            }
            return MovementSteps.Refused(rejected, command);
        }

        // Posted: from here on the command is recorded even if the client has gone away.
        var record = MovementSteps.Record(decision, transactionPosted);
        await transaction.CommitAsync(record, CancellationToken.None);
        return record.Receipt;
    }

    // The ledger's commit, as its ledger write span and measurements (a group of one: Formance takes one at a time).
    private async Task<Result<LedgerTransaction>> PostAsync(MovementCommand command, MovementDecision decision, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = LedgerTelemetry.Start(LedgerTelemetry.Formance, [command.Caller]);
        try
        {
            var posted = await ledger.PostAsync(MovementRecordJson.Attach(decision), cancellationToken);
            LedgerTelemetry.Member(span, 1, command.Operation,
                posted.IsSuccess ? WalletFlowTelemetry.Outcomes.Posted : WalletFlowTelemetry.Outcomes.Rejected,
                posted.IsSuccess ? posted.Value.Id : null, posted.Error?.Code);
            LedgerTelemetry.Finish(span, started, LedgerTelemetry.Formance, 1, posted.IsSuccess ? LedgerTelemetry.Committed : LedgerTelemetry.RolledBack);
            return posted;
        }
        catch (Exception)
        {
            LedgerTelemetry.Finish(span, started, LedgerTelemetry.Formance, 1, WalletFlowTelemetry.Outcomes.Failed);
            throw;
        }
    }

    // The ledger transaction this command's reference names, when it records this very request.
    private async Task<(RecordedMovement Movement, LedgerTransaction Transaction)?> EarlierAttemptAsync(MovementCommand command, CancellationToken cancellationToken)
    {
        var earlier = await ledger.FindByReferenceAsync(command.Reference, cancellationToken);
        return earlier is not null && MovementRecordJson.TryRead(earlier, out var movement, out _)
            && movement.Command.Operation == command.Operation && movement.Command.RequestHash.AsSpan().SequenceEqual(command.RequestHash)
            ? (movement, earlier)
            : null;
    }
}
