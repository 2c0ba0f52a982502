using System.Text;
using System.Text.Json;

namespace WalletFlow.Adapters.Ledger;

/// <summary>One page of a listing, Formance-shaped: the next cursor is opaque and carries the query.</summary>
public sealed record LedgerPage<T>(int PageSize, bool HasMore, string? Next, IReadOnlyList<T> Data);

/// <summary>A listing request: page size and filter, or a cursor from an earlier page (which wins).</summary>
public sealed record LedgerQuery(int PageSize = LedgerQuery.DefaultPageSize, JsonElement? Filter = null, string? Cursor = null)
{
    public const int DefaultPageSize = 15;
    public const int MaxPageSize = 1000;
}

/// <summary>What a cursor holds: where the last page ended, its size and its filter.</summary>
internal sealed record LedgerCursor(string After, int PageSize, JsonElement? Filter)
{
    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, LedgerJson.Options)));

    public static LedgerResult<LedgerCursor> Decode(string text)
    {
        try
        {
            var cursor = JsonSerializer.Deserialize<LedgerCursor>(Convert.FromBase64String(text), LedgerJson.Options);
            return cursor is { After: not null, PageSize: >= 1 and <= LedgerQuery.MaxPageSize }
                ? LedgerResult<LedgerCursor>.Ok(cursor)
                : LedgerError.Validation("invalid cursor");
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return LedgerError.Validation("invalid cursor");
        }
    }
}
