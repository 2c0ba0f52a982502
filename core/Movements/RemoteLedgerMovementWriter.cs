using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Movements;

/// <summary>
/// The movement writer for a ledger reached over HTTP (Formance): the ledger commits on its own, so a
/// movement takes two commits — the ledger's, then the command transaction's. Once the ledger has
/// answered "posted", nothing listens to the caller's cancellation any more: the command is recorded
/// whatever the client does. A crash between the two commits leaves a ledger transaction carrying
/// <see cref="MovementSteps.CommandMetadata"/> and no command; the caller's retry completes it (the
/// ledger replays the key), and so does the orphan reconciler, without one.
/// </summary>
public sealed class RemoteLedgerMovementWriter(ICommandStore commands, ITemplateCatalog templates, ILedger ledger) : IMovementWriter
{
    /// <inheritdoc/>
    public async Task<Result<MovementReceipt>> WriteAsync(MovementCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var transaction = await commands.BeginAsync(cancellationToken);
        var claim = await transaction.ClaimAsync(command.Key, command.Operation, command.RequestHash, cancellationToken);
        if (MovementSteps.Answer(claim, command.Key) is { } answered)
            return answered;

        var decided = await MovementSteps.DecideAsync(command, transaction, templates, cancellationToken);
        if (!decided.TryGetValue(out var decision, out var rejected))
            return rejected;
        var posted = await ledger.PostAsync(decision.Ledger, cancellationToken);
        if (!posted.TryGetValue(out var transactionPosted, out rejected))
            return MovementSteps.Refused(rejected, command);

        // Posted: from here on the command is recorded even if the client has gone away.
        var record = MovementSteps.Record(decision, transactionPosted);
        await transaction.CommitAsync(record, CancellationToken.None);
        return record.Receipt;
    }
}
