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
public sealed class ReverseOpeningBalance(LedgerRevert revert, ILedger ledger)
{
    /// <summary>The operation the reversals are recorded under.</summary>
    public const string Operation = "cutover-reversal";

    /// <summary>The reversal's receipt (the stored one for a replay), <see cref="NothingToReverse"/>, or the ledger's refusal (nothing written).</summary>
    public Task<Result<MovementReceipt>> RunAsync(string cutoverId, CutoverRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        // The opening balance's ledger reference, as the movement pipeline wrote it (MovementCommand.Reference).
        var openingReference = $"{TemplateNames.MigrationOpeningBalance}:{CutoverKeys.Opening(cutoverId, row.WalletId).Value}";
        return revert.RunAsync(Operation, CutoverKeys.Reversal(cutoverId, row.WalletId), new { cutoverId, walletId = row.WalletId, openingReference },
            async ct => await ledger.FindByReferenceAsync(openingReference, ct) is { } opening
                ? opening.Id
                : new NothingToReverse(row.WalletId, cutoverId),
            new LedgerRevert.Recording("wallet", row.WalletId, "OpeningBalanceReversed", reverted => new Dictionary<string, string>
            {
                ["cutoverId"] = cutoverId,
                ["walletId"] = row.WalletId,
                ["reversedTransactionId"] = reverted.ToString(CultureInfo.InvariantCulture),
                ["line"] = row.Line.ToString(CultureInfo.InvariantCulture),
            }),
            cancellationToken);
    }
}
