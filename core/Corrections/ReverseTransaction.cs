using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Corrections;

/// <summary>
/// An approved reversal's posting: the ledger's own revert of the transaction (every posting swapped, the
/// original marked reverted, so a second reversal is refused by the ledger in either mode), recorded as
/// a command with its statement lines and outbox event, like every movement. The ledger commits on its
/// own (two commits, as on a remote ledger): a crash between them is completed by the next run of the
/// step, whose revert replays by the same key.
/// </summary>
public sealed class ReverseTransaction(ICommandStore commands, ILedger ledger)
{
    /// <summary>The reversal's receipt (the stored one for a replay), or the ledger's refusal (nothing written).</summary>
    public async Task<Result<MovementReceipt>> RunAsync(IdempotencyKey key, string correctionId, long transactionId, string reason, CancellationToken cancellationToken)
    {
        var (canonical, hash) = MovementPipeline.Canonicalize(CorrectionNames.ReversalOperation, new { correctionId, transactionId, reason });
        var command = new MovementCommand(CorrectionNames.ReversalOperation, key, canonical, hash,
            (_, _) => throw new InvalidOperationException("A reversal is planned by the ledger's revert, not a template."));
        await using var transaction = await commands.BeginAsync(cancellationToken);
        var claim = await transaction.ClaimAsync(key, command.Operation, hash, cancellationToken);
        if (MovementSteps.Answer(claim, key) is { } answered)
            return answered;

        var reverted = await ledger.RevertAsync(transactionId, key.Value, cancellationToken);
        if (!reverted.TryGetValue(out var reversal, out var rejected))
            return rejected;
        var movement = new RecordedMovement(command, "correction", correctionId, "CorrectionReversalPosted", [],
            new Dictionary<string, string>
            {
                ["correctionId"] = correctionId,
                ["reversedTransactionId"] = transactionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["reason"] = reason,
            });
        // Reverted: from here on the command is recorded even if the caller has gone away.
        var record = MovementSteps.Record(movement, reversal);
        await transaction.CommitAsync(record, CancellationToken.None);
        return record.Receipt;
    }
}
