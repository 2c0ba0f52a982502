using System.Globalization;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Corrections;

/// <summary>
/// An approved reversal's posting: the ledger's own revert of the transaction (<see cref="LedgerRevert"/>),
/// so a second reversal is refused by the ledger in either mode, recorded under the correction's aggregate.
/// </summary>
public sealed class ReverseTransaction(LedgerRevert revert)
{
    /// <summary>The reversal's receipt (the stored one for a replay), or the ledger's refusal (nothing written).</summary>
    public Task<Result<MovementReceipt>> RunAsync(IdempotencyKey key, string correctionId, long transactionId, string reason, CancellationToken cancellationToken) =>
        revert.RunAsync(CorrectionNames.ReversalOperation, key, new { correctionId, transactionId, reason },
            _ => Task.FromResult<Result<long>>(transactionId),
            new LedgerRevert.Recording("correction", correctionId, "CorrectionReversalPosted", reverted => new Dictionary<string, string>
            {
                ["correctionId"] = correctionId,
                ["reversedTransactionId"] = reverted.ToString(CultureInfo.InvariantCulture),
                ["reason"] = reason,
            }),
            cancellationToken);
}
