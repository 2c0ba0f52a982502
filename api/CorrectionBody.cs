using WalletFlow.Core.Corrections;
using WalletFlow.Core.Movements;

namespace WalletFlow.Api;

/// <summary>
/// POST /v1/corrections: a maker's request, either an adjusting entry on a wallet against corrections
/// suspense (<see cref="WalletId"/>, <see cref="Currency"/>, <see cref="Credit"/> and/or <see cref="Debit"/>)
/// or the reversal of ledger transaction <see cref="ReverseTransactionId"/>; both with a reason and evidence.
/// </summary>
/// <param name="WalletId">An adjustment's wallet.</param>
/// <param name="Currency">An adjustment's currency code.</param>
/// <param name="Credit">Optional credit, major units.</param>
/// <param name="Debit">Optional debit, major units.</param>
/// <param name="ReverseTransactionId">A reversal's ledger transaction.</param>
/// <param name="Reason">Why.</param>
/// <param name="Evidence">What supports it (a ticket, a statement line, a document reference).</param>
public sealed record CorrectionBody(string? WalletId, string? Currency, string? Credit, string? Debit, long? ReverseTransactionId, string? Reason, string? Evidence)
{
    /// <summary>The use case's request under the command's key, by <paramref name="actor"/> (the maker).</summary>
    public RequestCorrectionRequest ToRequest(IdempotencyKey key, string? actor) =>
        new(key, actor, WalletId, Currency, Credit, Debit, ReverseTransactionId, Reason, Evidence);
}
