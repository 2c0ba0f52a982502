using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace WalletFlow.Tests.Integration.Fuzz;

/// <summary>
/// Sends hostile requests, a few at a time, and judges each answer: a 4xx whose body, when it has
/// one, is problem+json (on the ledger API, Formance's <c>{errorCode, errorMessage}</c> too). Counts
/// answers by status and by break; keeps a description of every request answered otherwise.
/// </summary>
public sealed class FuzzRun
{
    /// <summary>In <see cref="ByStatus"/>: no HTTP answer at all (always wrong).</summary>
    public const int NoAnswer = 0;

    /// <summary>In <see cref="ByStatus"/>: the connection closed while an over-limit chunked body was still being sent.</summary>
    public const int ClosedWhileSending = 1;

    private readonly ConcurrentDictionary<int, int> _byStatus = new();
    private readonly ConcurrentDictionary<string, int> _byBreak = new();

    /// <summary>Each wrongly answered request, described with its answer.</summary>
    public ConcurrentQueue<string> Failures { get; } = new();

    public IReadOnlyDictionary<int, int> ByStatus => _byStatus;

    /// <summary>"{break} {status}" → count.</summary>
    public IReadOnlyDictionary<string, int> ByBreak => _byBreak;

    public int Sent => _byStatus.Values.Sum();

    /// <param name="requests">Enumerated in order (so a seed gives one sequence), sent <paramref name="inFlight"/> at a time.</param>
    /// <param name="inFlight">How many requests are in flight at once.</param>
    /// <param name="mainAddress">The host's address (v1 and the webhook).</param>
    /// <param name="ledgerAddress">Where the ledger API answers, prefix included.</param>
    /// <param name="ct">Stops the run.</param>
    public static async Task<FuzzRun> SendAsync(IEnumerable<HostileRequest> requests, Uri mainAddress, Uri ledgerAddress, int inFlight, CancellationToken ct)
    {
        var run = new FuzzRun();
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = ct }, async (request, token) =>
            await run.SendOneAsync(http, request, AddressOf(request, mainAddress, ledgerAddress), token));
        return run;
    }

    // One ledger request in ten goes to the main listener instead, where the ledger API must not answer at all.
    private static Uri AddressOf(HostileRequest request, Uri mainAddress, Uri ledgerAddress) =>
        request.Endpoint.Surface != FuzzSurface.Ledger ? mainAddress
        : request.Number % 10 == 0 ? new Uri(mainAddress, ledgerAddress.AbsolutePath)
        : ledgerAddress;

    private async Task SendOneAsync(HttpClient http, HostileRequest request, Uri baseAddress, CancellationToken ct)
    {
        int status;
        string? problem;
        try
        {
            using var message = request.ToMessage(baseAddress);
            using var response = await http.SendAsync(message, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            status = (int)response.StatusCode;
            problem = Judge(request, status, response.Content.Headers.ContentType?.MediaType, body);
        }
        catch (HttpRequestException) when (request is { Break: FuzzBreak.LargeBody, Chunked: true } && request.Endpoint.Surface == FuzzSurface.Ledger)
        {
            // The ledger API caps a chunked body at its limit and Kestrel, unable to drain the rest,
            // closes the connection: a refusal by size the client may not hear while still sending.
            status = ClosedWhileSending;
            problem = null;
        }
        catch (HttpRequestException e)
        {
            status = NoAnswer;
            problem = $"no answer: {e.Message}{(e.InnerException is { } inner ? " (" + inner.Message + ")" : "")}";
        }
        _byStatus.AddOrUpdate(status, 1, (_, c) => c + 1);
        _byBreak.AddOrUpdate($"{request.Break} {status}", 1, (_, c) => c + 1);
        if (problem is not null)
            Failures.Enqueue($"{problem}\n{request.Describe()}");
    }

    /// <summary>Null when the answer is a proper refusal; otherwise what is wrong with it.</summary>
    public static string? Judge(HostileRequest request, int status, string? mediaType, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        var text = Encoding.UTF8.GetString(body);
        var shown = text.Length > 500 ? text[..500] + "…" : text;
        if (status is < 400 or > 499)
            return $"answered {status} ({mediaType}): {shown}";
        if (body.Length == 0)
            return null;
        JsonElement json;
        try
        {
            using var document = JsonDocument.Parse(body);
            json = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return $"answered {status} with a body that is not JSON ({mediaType}): {shown}";
        }
        if (mediaType == "application/problem+json")
        {
            return json.ValueKind == JsonValueKind.Object && json.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.GetInt32() == status
                ? null
                : $"answered {status} with a problem whose status is not {status}: {shown}";
        }
        // The ledger API speaks Formance: {errorCode, errorMessage} as application/json.
        if (request.Endpoint.Surface == FuzzSurface.Ledger && mediaType == "application/json"
            && json.ValueKind == JsonValueKind.Object && json.TryGetProperty("errorCode", out var code) && code.ValueKind == JsonValueKind.String)
            return null;
        return $"answered {status} as {mediaType ?? "(no type)"}, not problem+json: {shown}";
    }

    public string Summary() =>
        string.Create(CultureInfo.InvariantCulture, $"{Sent} sent; by status: {string.Join(", ", _byStatus.OrderBy(s => s.Key).Select(s => $"{s.Key switch { NoAnswer => "no answer", ClosedWhileSending => "closed while sending an over-limit body", _ => s.Key.ToString(CultureInfo.InvariantCulture) }} ×{s.Value}"))}");

    /// <summary>One line per break and status, for the report.</summary>
    public string BreakTable() =>
        string.Join('\n', _byBreak.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => string.Create(CultureInfo.InvariantCulture, $"  {b.Key} ×{b.Value}")));
}
