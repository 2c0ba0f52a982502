using Refit;

namespace WalletFlow.Adapters.Ledger.Formance;

/// <summary>
/// The subset of Formance Ledger v2 walletflow speaks (formance-v2.md's table; shapes from the
/// OpenAPI file). Every call answers an <see cref="IApiResponse"/> so error bodies are read as
/// values (see <see cref="FormanceLedgerClient"/>), never thrown. Every write takes an
/// Idempotency-Key, which is what makes retrying it safe.
/// </summary>
public interface IFormanceLedgerApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    [Get("/_/info")]
    Task<IApiResponse<string>> GetServerInfoAsync(CancellationToken ct);

    [Get("/v2/{ledger}")]
    Task<IApiResponse<FormanceData<FormanceLedgerInfo>>> GetLedgerAsync(string ledger, CancellationToken ct);

    [Post("/v2/{ledger}")]
    Task<IApiResponse> CreateLedgerAsync(string ledger, [Body] FormanceCreateLedger body,
        [Header(IdempotencyKeyHeader)] string idempotencyKey, CancellationToken ct);

    [Post("/v2/{ledger}/transactions")]
    // force is "true" or absent: Formance reads a lower-case boolean.
    Task<IApiResponse<FormanceData<LedgerTransaction>>> CreateTransactionAsync(string ledger, [Body] FormancePostTransaction body,
        [Header(IdempotencyKeyHeader)] string idempotencyKey, string? force, CancellationToken ct);

    [Get("/v2/{ledger}/transactions/{id}")]
    Task<IApiResponse<FormanceData<LedgerTransaction>>> GetTransactionAsync(string ledger, long id, string? expand, CancellationToken ct);

    [Get("/v2/{ledger}/transactions")]
    Task<IApiResponse<FormanceCursorResponse<LedgerTransaction>>> ListTransactionsAsync(string ledger,
        int? pageSize, string? cursor, [Query] string? query, CancellationToken ct);

    [Post("/v2/{ledger}/transactions/{id}/revert")]
    Task<IApiResponse<FormanceData<LedgerTransaction>>> RevertTransactionAsync(string ledger, long id, string? force,
        [Body] FormanceRevertTransaction body, [Header(IdempotencyKeyHeader)] string idempotencyKey, CancellationToken ct);

    [Post("/v2/{ledger}/transactions/{id}/metadata")]
    Task<IApiResponse> SetTransactionMetadataAsync(string ledger, long id, [Body] IReadOnlyDictionary<string, string> metadata,
        [Header(IdempotencyKeyHeader)] string idempotencyKey, CancellationToken ct);

    [Delete("/v2/{ledger}/transactions/{id}/metadata/{key}")]
    Task<IApiResponse> DeleteTransactionMetadataAsync(string ledger, long id, string key,
        [Header(IdempotencyKeyHeader)] string idempotencyKey, CancellationToken ct);

    [Get("/v2/{ledger}/accounts/{address}")]
    Task<IApiResponse<FormanceData<LedgerAccount>>> GetAccountAsync(string ledger, string address, string? expand, string? pit, CancellationToken ct);

    [Get("/v2/{ledger}/accounts")]
    Task<IApiResponse<FormanceCursorResponse<LedgerAccount>>> ListAccountsAsync(string ledger,
        int? pageSize, string? cursor, string? expand, [Query] string? query, CancellationToken ct);

    [Get("/v2/{ledger}/accounts")]
    Task<IApiResponse<FormanceCursorResponse<LedgerAccount>>> ListAccountsAtAsync(string ledger,
        int? pageSize, string? cursor, string? expand, string? pit, [Query] string? query, CancellationToken ct);

    [Post("/v2/{ledger}/accounts/{address}/metadata")]
    Task<IApiResponse> SetAccountMetadataAsync(string ledger, string address, [Body] IReadOnlyDictionary<string, string> metadata,
        [Header(IdempotencyKeyHeader)] string idempotencyKey, CancellationToken ct);

    [Delete("/v2/{ledger}/accounts/{address}/metadata/{key}")]
    Task<IApiResponse> DeleteAccountMetadataAsync(string ledger, string address, string key,
        [Header(IdempotencyKeyHeader)] string idempotencyKey, CancellationToken ct);

    [Get("/v2/{ledger}/aggregate/balances")]
    Task<IApiResponse<FormanceData<Dictionary<string, System.Numerics.BigInteger>>>> AggregateBalancesAsync(string ledger,
        string? pit, [Query] string? query, CancellationToken ct);
}

/// <summary>V2Ledger.</summary>
public sealed record FormanceLedgerInfo(string Name, string Bucket, IReadOnlyDictionary<string, string>? Metadata, DateTimeOffset AddedAt);
