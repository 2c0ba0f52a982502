using System.Globalization;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;

namespace WalletFlow.Core.Cutover;

/// <summary>
/// Reverses one wallet's opening balance of a cutover with the ledger's own revert of that transaction
/// (every posting swapped: the wallet back to where it was, <c>equity:migration</c> too; the original
/// marked reverted, so it is never reversed twice), recorded as a command with its statement lines and
/// outbox event like every movement. Only the opening balance this cutover posted (found by its ledger
/// reference) is reversed: none is <see cref="NothingToReverse"/>. The key <see cref="CutoverKeys.Reversal"/>
/// makes a repeated rollback replay, and the revert replays by the same key after a crash between the
/// ledger's commit and the command's (the two commit apart, as on a remote ledger). The revert is never
/// forced: a wallet that has spent the money since is an <see cref="InsufficientFunds"/> refusal.
/// </summary>
public sealed class ReverseOpeningBalance(ICommandStore commands, ILedger ledger)
{
    /// <summary>The operation the reversals are recorded under.</summary>
    public const string Operation = "cutover-reversal";

    /// <summary>The reversal's receipt (the stored one for a replay), <see cref="NothingToReverse"/>, or the ledger's refusal (nothing written).</summary>
    public async Task<Result<MovementReceipt>> RunAsync(string cutoverId, CutoverRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var key = CutoverKeys.Reversal(cutoverId, row.WalletId);
        // The opening balance's ledger reference, as the movement pipeline wrote it (MovementCommand.Reference).
        var openingReference = $"{TemplateNames.MigrationOpeningBalance}:{CutoverKeys.Opening(cutoverId, row.WalletId).Value}";
        var (canonical, hash) = MovementPipeline.Canonicalize(Operation, new { cutoverId, walletId = row.WalletId, openingReference });
        var command = new MovementCommand(Operation, key, canonical, hash,
            (_, _) => throw new InvalidOperationException("A cutover reversal is the ledger's revert, not a template."));
        await using var transaction = await commands.BeginAsync(cancellationToken);
        var claim = await transaction.ClaimAsync(key, Operation, hash, cancellationToken);
        if (MovementSteps.Answer(claim, key) is { } answered)
            return answered;

        var opening = await ledger.FindByReferenceAsync(openingReference, cancellationToken);
        if (opening is null)
            return new NothingToReverse(row.WalletId, cutoverId);
        var reverted = await ledger.RevertAsync(opening.Id, key.Value, cancellationToken);
        if (!reverted.TryGetValue(out var reversal, out var rejected))
            return rejected;
        var movement = new RecordedMovement(command, "wallet", row.WalletId, "OpeningBalanceReversed", [], new Dictionary<string, string>
        {
            ["cutoverId"] = cutoverId,
            ["walletId"] = row.WalletId,
            ["reversedTransactionId"] = opening.Id.ToString(CultureInfo.InvariantCulture),
            ["line"] = row.Line.ToString(CultureInfo.InvariantCulture),
        });
        // Reverted: from here on the command is recorded even if the caller has gone away.
        var record = MovementSteps.Record(movement, reversal);
        await transaction.CommitAsync(record, CancellationToken.None);
        return record.Receipt;
    }
}
