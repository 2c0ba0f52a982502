using System.Globalization;
using System.Text.Json;
using WalletFlow.Adapters.Ledger;

namespace WalletFlow.Host.LedgerApi;

/// <summary>Reading Formance's request forms: JSON bodies, filters in the body or in <c>query</c>, and query flags.</summary>
internal static class LedgerApiRequests
{
    /// <summary>The body as <typeparamref name="T"/>, or a VALIDATION message.</summary>
    public static async Task<(T? Value, string? Error)> BodyAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, LedgerJson.Options, ct);
            return value is null ? (null, "a JSON body is required") : (value, null);
        }
        catch (JsonException e)
        {
            return (null, $"malformed JSON body: {e.Message}");
        }
    }

    /// <summary>
    /// The listing query: the filter comes as the JSON body (older clients, even on GET) or URL-encoded
    /// in <c>query</c> (newer ones); a cursor brings its own filter.
    /// </summary>
    public static async Task<(LedgerQuery? Query, string? Error)> ListingAsync(HttpRequest request, CancellationToken ct)
    {
        var pageSize = LedgerQuery.DefaultPageSize;
        if (request.Query["pageSize"] is { Count: > 0 } size && !int.TryParse(size[0], NumberStyles.None, CultureInfo.InvariantCulture, out pageSize))
            return (null, "pageSize must be a whole number");

        JsonElement? filter = null;
        try
        {
            if (request.Query["query"] is { Count: > 0 } text && !string.IsNullOrWhiteSpace(text[0]))
                filter = JsonDocument.Parse(text[0]!).RootElement.Clone();
            else if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
            {
                using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
                filter = body.RootElement.Clone();
            }
        }
        catch (JsonException e)
        {
            return (null, $"malformed filter: {e.Message}");
        }
        return (new LedgerQuery(pageSize, filter, request.Query["cursor"].FirstOrDefault()), null);
    }

    public static bool Flag(HttpRequest request, string name) =>
        request.Query[name].FirstOrDefault() is { } value && (value.Length == 0 || bool.TryParse(value, out var b) && b);

    public static bool Expands(HttpRequest request, string what) =>
        request.Query["expand"].SelectMany(v => (v ?? "").Split(',')).Contains(what, StringComparer.Ordinal);

    /// <summary>The <c>pit</c> (point in time) parameter, or an error for a malformed date.</summary>
    public static (DateTimeOffset? Pit, string? Error) PointInTime(HttpRequest request)
    {
        if (request.Query["pit"].FirstOrDefault() is not { Length: > 0 } text)
            return (null, null);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var pit)
            ? (pit.ToUniversalTime(), null)
            : (null, $"pit must be an RFC 3339 date-time, not '{text}'");
    }
}
