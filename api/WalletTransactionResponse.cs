using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;

namespace WalletFlow.Api;

/// <summary>A ledger transaction that touched the wallet.</summary>
/// <param name="TransactionId">The ledger transaction's id.</param>
/// <param name="At">Its timestamp (UTC).</param>
/// <param name="Reference">Its unique ledger reference ("{operation}:{Idempotency-Key}" for walletflow's movements).</param>
/// <param name="CommandId">The walletflow command that posted it, when one did.</param>
/// <param name="Operation">That command's operation.</param>
/// <param name="Postings">All its postings, including those on other accounts.</param>
/// <param name="Metadata">The transaction's metadata.</param>
public sealed record WalletTransactionResponse(
    long TransactionId,
    string At,
    string? Reference,
    string? CommandId,
    string? Operation,
    IReadOnlyList<PostingResponse> Postings,
    IReadOnlyDictionary<string, string> Metadata)
{
    public static WalletTransactionResponse From(LedgerTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new(transaction.Id, MovementResponse.Timestamp(transaction.Timestamp), transaction.Reference,
            transaction.Metadata.GetValueOrDefault(MovementSteps.CommandMetadata), transaction.Metadata.GetValueOrDefault(MovementSteps.OperationMetadata),
            transaction.Postings.Select(PostingResponse.From).ToList(),
            new SortedDictionary<string, string>(transaction.Metadata.ToDictionary(), StringComparer.Ordinal));
    }
}
