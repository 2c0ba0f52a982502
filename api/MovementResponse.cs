using System.Globalization;
using WalletFlow.Core.Movements;

namespace WalletFlow.Api;

/// <summary>
/// What every money-moving POST answers. Built from the <see cref="MovementReceipt"/> alone (the
/// stored result of the idempotency claim), so a replay answers byte for byte what the first call did.
/// </summary>
/// <param name="CommandId">walletflow's id for the command (derived from the Idempotency-Key).</param>
/// <param name="Operation">The operation (its template name): "pay-in", "transfer"…</param>
/// <param name="TransactionId">The ledger transaction's id.</param>
/// <param name="At">The ledger transaction's timestamp (UTC, ISO 8601).</param>
/// <param name="Postings">The ledger postings, in order.</param>
/// <param name="Attributes">What the operation adds (wallet ids, hold id, reserve kept…).</param>
public sealed record MovementResponse(
    string CommandId,
    string Operation,
    long TransactionId,
    string At,
    IReadOnlyList<PostingResponse> Postings,
    IReadOnlyDictionary<string, string> Attributes)
{
    public static MovementResponse From(MovementReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new(receipt.CommandId, receipt.Operation, receipt.TransactionId, Timestamp(receipt.At),
            receipt.Postings.Select(PostingResponse.From).ToList(),
            new SortedDictionary<string, string>(receipt.Attributes.ToDictionary(), StringComparer.Ordinal));
    }

    /// <summary>One format for every timestamp v1 writes: UTC, seven fractional digits, 'Z'.</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
