using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Corrections;

/// <summary>
/// A maker's request (POST /v1/corrections): an adjusting entry (<paramref name="WalletId"/>,
/// <paramref name="Currency"/>, <paramref name="Credit"/> and/or <paramref name="Debit"/> in major units) or
/// the reversal of ledger transaction <paramref name="ReverseTransactionId"/> — one or the other.
/// </summary>
public sealed record RequestCorrectionRequest(
    IdempotencyKey Key,
    string? Actor,
    string? WalletId,
    string? Currency,
    string? Credit,
    string? Debit,
    long? ReverseTransactionId,
    string? Reason,
    string? Evidence);
