using System.Text.Json;

namespace WalletFlow.Adapters.Ledger.Formance;

// Formance Ledger v2's envelopes (formance-ledger-v2.openapi.yaml). The payloads inside them are the
// embedded ledger's own records (LedgerModels.cs), which have Formance's shapes: one vocabulary for
// both implementations, so the contract suite compares like with like.

/// <summary><c>{"data": ...}</c>: V2GetTransactionResponse, V2CreateTransactionResponse, V2AccountResponse, ...</summary>
public sealed record FormanceData<T>(T Data);

/// <summary><c>{"cursor": {...}}</c>: V2TransactionsCursorResponse, V2AccountsCursorResponse.</summary>
public sealed record FormanceCursorResponse<T>(FormanceCursor<T> Cursor);

public sealed record FormanceCursor<T>(int PageSize, bool HasMore, string? Previous, string? Next, IReadOnlyList<T> Data);

/// <summary>V2ErrorResponse.</summary>
public sealed record FormanceError(string? ErrorCode, string? ErrorMessage, string? Details);

/// <summary>V2CreateLedgerRequest.</summary>
public sealed record FormanceCreateLedger(string? Bucket = null, IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>V2PostTransaction. The OpenAPI file has force both here and as a query parameter: the client sends both.</summary>
public sealed record FormancePostTransaction(
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<Posting>? Postings = null,
    TransactionScript? Script = null,
    string? Reference = null,
    DateTimeOffset? Timestamp = null,
    bool? Force = null);

/// <summary>V2RevertTransactionRequest.</summary>
public sealed record FormanceRevertTransaction(IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>A Formance query document (<c>$match</c>, <c>$and</c>, ...), sent as the JSON body of a GET.</summary>
public sealed record FormanceFilter(JsonElement? Document)
{
    public static readonly FormanceFilter None = new((JsonElement?)null);
}
