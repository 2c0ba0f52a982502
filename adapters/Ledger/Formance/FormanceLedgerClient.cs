using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text.Json;
using Refit;

namespace WalletFlow.Adapters.Ledger.Formance;

/// <summary>
/// A Formance Ledger v2 server through <see cref="IFormanceLedgerApi"/>, answering the embedded
/// ledger's result types: a Formance error code below 500 is a <see cref="LedgerError"/> value
/// (INSUFFICIENT_FUND, CONFLICT, ...); a 5xx, an unreadable error or a transport failure (after the
/// HTTP client's retries) is a <see cref="FormanceUnavailableException"/>.
/// </summary>
public sealed class FormanceLedgerClient(IFormanceLedgerApi api)
{
    public IFormanceLedgerApi Api => api;

    public async Task<LedgerResult<bool>> CreateLedgerAsync(string ledger, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct) =>
        Done(await api.CreateLedgerAsync(ledger, new FormanceCreateLedger(Metadata: metadata), NewKey(), ct));

    public async Task<LedgerResult<FormanceLedgerInfo>> GetLedgerAsync(string ledger, CancellationToken ct) =>
        Data(await api.GetLedgerAsync(ledger, ct));

    /// <summary>Posts a transaction; <paramref name="idempotencyKey"/> null gets a fresh key (one logical write, safe to retry).</summary>
    public async Task<LedgerResult<LedgerTransaction>> CreateTransactionAsync(string ledger, CreateTransaction request, string? idempotencyKey, CancellationToken ct)
    {
        var body = new FormancePostTransaction(request.Metadata ?? Empty, request.Postings, request.Script, request.Reference, request.Timestamp,
            request.Force ? true : null);
        return Data(await api.CreateTransactionAsync(ledger, body, idempotencyKey ?? NewKey(), request.Force ? "true" : null, ct));
    }

    public async Task<LedgerResult<LedgerTransaction>> GetTransactionAsync(string ledger, long id, bool withVolumes, CancellationToken ct) =>
        Data(await api.GetTransactionAsync(ledger, id, withVolumes ? "volumes" : null, ct));

    public async Task<LedgerResult<LedgerPage<LedgerTransaction>>> ListTransactionsAsync(string ledger, LedgerQuery query, CancellationToken ct) =>
        Page(await api.ListTransactionsAsync(ledger, query.Cursor is null ? query.PageSize : null, query.Cursor, Filter(query), ct));

    public async Task<LedgerResult<LedgerTransaction>> RevertTransactionAsync(string ledger, long id, bool force, string? idempotencyKey, CancellationToken ct) =>
        Data(await api.RevertTransactionAsync(ledger, id, force ? "true" : null, new FormanceRevertTransaction(), idempotencyKey ?? NewKey(), ct));

    public async Task<LedgerResult<bool>> SetTransactionMetadataAsync(string ledger, long id, IReadOnlyDictionary<string, string> metadata, CancellationToken ct) =>
        Done(await api.SetTransactionMetadataAsync(ledger, id, metadata, NewKey(), ct));

    public async Task<LedgerResult<bool>> DeleteTransactionMetadataAsync(string ledger, long id, string key, CancellationToken ct) =>
        Done(await api.DeleteTransactionMetadataAsync(ledger, id, key, NewKey(), ct));

    public async Task<LedgerResult<LedgerAccount>> GetAccountAsync(string ledger, string address, DateTimeOffset? pointInTime, bool withVolumes, CancellationToken ct) =>
        Data(await api.GetAccountAsync(ledger, address, withVolumes ? "volumes" : null, Date(pointInTime), ct));

    public async Task<LedgerResult<LedgerPage<LedgerAccount>>> ListAccountsAsync(string ledger, LedgerQuery query, bool withVolumes, CancellationToken ct) =>
        Page(await api.ListAccountsAsync(ledger, query.Cursor is null ? query.PageSize : null, query.Cursor, withVolumes ? "volumes" : null, Filter(query), ct));

    /// <summary>Accounts with their volumes at a point in time (<c>pit</c>).</summary>
    public async Task<LedgerResult<LedgerPage<LedgerAccount>>> ListAccountsAsync(string ledger, LedgerQuery query, DateTimeOffset pointInTime, CancellationToken ct) =>
        Page(await api.ListAccountsAtAsync(ledger, query.Cursor is null ? query.PageSize : null, query.Cursor, "volumes", Date(pointInTime), Filter(query), ct));

    public async Task<LedgerResult<bool>> SetAccountMetadataAsync(string ledger, string address, IReadOnlyDictionary<string, string> metadata, CancellationToken ct) =>
        Done(await api.SetAccountMetadataAsync(ledger, address, metadata, NewKey(), ct));

    public async Task<LedgerResult<bool>> DeleteAccountMetadataAsync(string ledger, string address, string key, CancellationToken ct) =>
        Done(await api.DeleteAccountMetadataAsync(ledger, address, key, NewKey(), ct));

    public async Task<LedgerResult<IReadOnlyDictionary<string, BigInteger>>> AggregateBalancesAsync(
        string ledger, LedgerQuery query, DateTimeOffset? pointInTime, CancellationToken ct)
    {
        var response = await api.AggregateBalancesAsync(ledger, Date(pointInTime), Filter(query), ct);
        if (!response.IsSuccessStatusCode)
            return Failure(response);
        return LedgerResult<IReadOnlyDictionary<string, BigInteger>>.Ok(
            new SortedDictionary<string, BigInteger>(response.Content?.Data ?? [], StringComparer.Ordinal));
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    // Each logical write gets its own key, so the HTTP client's retries of it are replays, not new writes.
    private static string NewKey() => Guid.NewGuid().ToString("N");

    private static string? Date(DateTimeOffset? at) => at?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string? Filter(LedgerQuery query) =>
        query.Cursor is null && query.Filter is { ValueKind: JsonValueKind.Object } filter ? filter.GetRawText() : null;

    private static LedgerResult<T> Data<T>(IApiResponse<FormanceData<T>> response) =>
        response.IsSuccessStatusCode && response.Content is { Data: { } data }
            ? LedgerResult<T>.Ok(data)
            : Failure(response);

    private static LedgerResult<bool> Done(IApiResponse response) =>
        response.IsSuccessStatusCode ? LedgerResult<bool>.Ok(true) : Failure(response);

    private static LedgerResult<LedgerPage<T>> Page<T>(IApiResponse<FormanceCursorResponse<T>> response) =>
        response.IsSuccessStatusCode && response.Content is { Cursor: { } c }
            ? LedgerResult<LedgerPage<T>>.Ok(new LedgerPage<T>(c.PageSize, c.HasMore, c.HasMore ? c.Next : null, c.Data ?? []))
            : Failure(response);

    /// <summary>A Formance error body below 500 is a refusal; anything else is the server's failure.</summary>
    private static LedgerError Failure(IApiResponse response)
    {
        var status = response.StatusCode;
        var text = (response.Error as ApiException)?.Content;
        FormanceError? error = null;
        if (!string.IsNullOrEmpty(text))
        {
            try
            {
                error = JsonSerializer.Deserialize<FormanceError>(text, LedgerJson.Options);
            }
            catch (JsonException)
            {
            }
        }
        if (status is not { } code0)
            throw new FormanceUnavailableException("Formance could not be reached: " + response.Error?.Message, response.Error);
        if (response.IsSuccessStatusCode)
            throw new FormanceUnavailableException($"Formance answered {(int)code0} with an unreadable body", response.Error, code0);
        if ((int)code0 >= 500 || error?.ErrorCode is not { Length: > 0 } code)
            throw new FormanceUnavailableException(
                $"Formance answered {(int)code0} {code0}: {error?.ErrorCode} {error?.ErrorMessage ?? Truncate(text)}".TrimEnd(), response.Error, code0);
        return new LedgerError(code, error.ErrorMessage ?? code);
    }

    private static string Truncate(string? text) => text is null ? "" : text.Length <= 300 ? text : text[..300];
}

/// <summary>The Formance ledger could not give an answer (5xx, unreadable, unreachable): an infrastructure failure.</summary>
public sealed class FormanceUnavailableException : HttpRequestException
{
    public FormanceUnavailableException()
    {
    }

    public FormanceUnavailableException(string message) : base(message)
    {
    }

    public FormanceUnavailableException(string message, Exception? inner) : base(message, inner)
    {
    }

    public FormanceUnavailableException(string message, Exception? inner, HttpStatusCode status) : base(message, inner, status)
    {
    }
}
