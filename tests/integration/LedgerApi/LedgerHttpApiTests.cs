using System.Net;
using System.Text;
using System.Text.Json;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Contracts;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.LedgerApi;

/// <summary>The Formance-v2-compatible API over real HTTP on loopback (its own listener), checked at the wire: paths, status codes, JSON.</summary>
public sealed class LedgerHttpApiTests(FreshDatabase database) : IClassFixture<FreshDatabase>, IAsyncLifetime
{
    private WalletFlowServer _server = null!;
    private HttpClient _http = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await LedgerApiHost.StartAsync(database.ConnectionString, Ct);
        _http = await LedgerApiHost.ClientAsync(_server);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Task<string> NewLedgerAsync() => LedgerApiHost.NewLedgerAsync(_http, "api");

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await _http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string Postings(string source, string destination, long amount, string? reference = null) =>
        $$"""{"postings":[{"source":"{{source}}","destination":"{{destination}}","amount":{{amount}},"asset":"NGN/2"}],"metadata":{}{{(reference is null ? "" : $",\"reference\":\"{reference}\"")}}}""";

    [Fact]
    public async Task Server_info_answers_at_both_paths()
    {
        Assert.Equal("walletflow-embedded-ledger", (await SendAsync(HttpMethod.Get, "_/info")).Body.GetProperty("server").GetString());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "_info")).Status);
    }

    [Fact]
    public async Task Creating_a_transaction_answers_data_with_integer_amounts_and_volumes()
    {
        var ledger = await NewLedgerAsync();
        await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions", Postings("world", "wallets:w1:main", 123456789012345678));

        var (status, body) = await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions", Postings("wallets:w1:main", "wallets:w2:main", 45678901234567890));

        Assert.Equal(HttpStatusCode.OK, status);
        var data = body.GetProperty("data");
        Assert.Equal(1, data.GetProperty("id").GetInt64());
        var posting = data.GetProperty("postings")[0];
        Assert.Equal(JsonValueKind.Number, posting.GetProperty("amount").ValueKind);
        Assert.Equal("45678901234567890", posting.GetProperty("amount").GetRawText());
        Assert.Equal("77777887777777788", data.GetProperty("postCommitVolumes").GetProperty("wallets:w1:main").GetProperty("NGN/2").GetProperty("balance").GetRawText());
        Assert.False(data.GetProperty("reverted").GetBoolean());
    }

    [Fact]
    public async Task Refusals_carry_Formance_error_codes_and_statuses()
    {
        var ledger = await NewLedgerAsync();

        var overdraft = await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions", Postings("wallets:w1:main", "wallets:w2:main", 1));
        Assert.Equal(HttpStatusCode.BadRequest, overdraft.Status);
        Assert.Equal("INSUFFICIENT_FUND", overdraft.Body.GetProperty("errorCode").GetString());
        Assert.Contains("wallets:w1:main", overdraft.Body.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);

        var missing = await SendAsync(HttpMethod.Get, $"v2/{ledger}/transactions/999");
        Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), (missing.Status, missing.Body.GetProperty("errorCode").GetString()));

        var noLedger = await SendAsync(HttpMethod.Get, "v2/nosuchledger/transactions/0");
        Assert.Equal((HttpStatusCode.NotFound, "LEDGER_NOT_FOUND"), (noLedger.Status, noLedger.Body.GetProperty("errorCode").GetString()));

        var malformed = await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions", "{\"postings\": [");
        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION"), (malformed.Status, malformed.Body.GetProperty("errorCode").GetString()));

        var again = await SendAsync(HttpMethod.Post, $"v2/{ledger}", null);
        Assert.Equal((HttpStatusCode.BadRequest, "LEDGER_ALREADY_EXISTS"), (again.Status, again.Body.GetProperty("errorCode").GetString()));

        var badFilter = await SendAsync(HttpMethod.Get, $"v2/{ledger}/accounts?query=" + Uri.EscapeDataString("{\"$nope\":{}}"));
        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION"), (badFilter.Status, badFilter.Body.GetProperty("errorCode").GetString()));

        var badBodyFilter = await SendAsync(HttpMethod.Get, $"v2/{ledger}/transactions", "{\"$match\": ");
        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION"), (badBodyFilter.Status, badBodyFilter.Body.GetProperty("errorCode").GetString()));
        Assert.StartsWith("malformed filter", badBodyFilter.Body.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Idempotency_Key_header_replays_the_original_and_conflicts_on_another_body()
    {
        var ledger = await NewLedgerAsync();
        var first = await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions", Postings("world", "wallets:w1:main", 10), "k1");
        var replay = await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions", Postings("world", "wallets:w1:main", 10), "k1");
        var other = await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions", Postings("world", "wallets:w1:main", 11), "k1");

        Assert.Equal(first.Body.GetRawText(), replay.Body.GetRawText());
        Assert.Equal((HttpStatusCode.BadRequest, "CONFLICT"), (other.Status, other.Body.GetProperty("errorCode").GetString()));
    }

    [Fact]
    public async Task Revert_answers_201_then_ALREADY_REVERT()
    {
        var ledger = await NewLedgerAsync();
        await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions", Postings("world", "wallets:w1:main", 10));

        var reverted = await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions/0/revert");
        var twice = await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions/0/revert");

        Assert.Equal(HttpStatusCode.Created, reverted.Status);
        Assert.Equal("world", reverted.Body.GetProperty("data").GetProperty("postings")[0].GetProperty("destination").GetString());
        Assert.Equal("ALREADY_REVERT", twice.Body.GetProperty("errorCode").GetString());
        Assert.True((await SendAsync(HttpMethod.Get, $"v2/{ledger}/transactions/0")).Body.GetProperty("data").GetProperty("reverted").GetBoolean());
    }

    [Fact]
    public async Task A_revert_is_logged_as_the_contracts_V2LogDataRevertedTransaction_the_original_and_its_reversal()
    {
        var ledger = await NewLedgerAsync();
        await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions", Postings("world", "wallets:w1:main", 10, "paid-0"));
        var reversal = (await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions/0/revert")).Body.GetProperty("data");
        var original = (await SendAsync(HttpMethod.Get, $"v2/{ledger}/transactions/0")).Body.GetProperty("data");

        var logs = (await SendAsync(HttpMethod.Get, $"v2/{ledger}/logs")).Body.GetProperty("cursor").GetProperty("data");

        var entry = Assert.Single(logs.EnumerateArray(), l => l.GetProperty("type").GetString() == "REVERTED_TRANSACTION");
        var data = entry.GetProperty("data");
        Assert.Empty(FormanceContract.Instance.Errors("V2LogDataRevertedTransaction", data));
        Assert.Equal(["revertedTransaction", "transaction"], data.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var reverted = data.GetProperty("revertedTransaction");
        Assert.Equal((0L, true, "paid-0"), (reverted.GetProperty("id").GetInt64(), reverted.GetProperty("reverted").GetBoolean(), reverted.GetProperty("reference").GetString()));
        Assert.Equal(original.GetProperty("postings").GetRawText(), reverted.GetProperty("postings").GetRawText());
        Assert.Equal(original.GetProperty("revertedAt").GetDateTimeOffset(), reverted.GetProperty("revertedAt").GetDateTimeOffset());
        var logged = data.GetProperty("transaction");
        Assert.Equal(reversal.GetProperty("id").GetInt64(), logged.GetProperty("id").GetInt64());
        Assert.Equal(reversal.GetProperty("postings").GetRawText(), logged.GetProperty("postings").GetRawText());
        Assert.Equal("world", logged.GetProperty("postings")[0].GetProperty("destination").GetString());
        Assert.Equal(reversal.GetProperty("insertedAt").GetDateTimeOffset(), reverted.GetProperty("revertedAt").GetDateTimeOffset());
        Assert.All(logs.EnumerateArray(), l => Assert.False(string.IsNullOrEmpty(l.GetProperty("hash").GetString())));
    }

    [Fact]
    public async Task A_revert_replayed_with_its_Idempotency_Key_answers_the_original_revert()
    {
        var ledger = await NewLedgerAsync();
        await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions", Postings("world", "wallets:w1:main", 10));

        var first = await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions/0/revert", "{\"force\":false}", "rev-1");
        var replay = await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions/0/revert", "{\"force\":false}", "rev-1");

        Assert.Equal(HttpStatusCode.Created, replay.Status);
        Assert.Equal(first.Body.GetRawText(), replay.Body.GetRawText());
        var transactions = (await SendAsync(HttpMethod.Get, $"v2/{ledger}/transactions")).Body.GetProperty("cursor").GetProperty("data");
        Assert.Equal(2, transactions.GetArrayLength());
    }

    [Fact]
    public async Task Listings_page_with_cursors_and_filter_by_body_or_query_parameter()
    {
        var ledger = await NewLedgerAsync();
        for (var i = 0; i < 5; i++)
            await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions", Postings("world", $"wallets:w{i}:main", 10 + i));
        await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions", Postings("world", "banks:gtb:ngn", 1));

        var filter = Uri.EscapeDataString("{\"$match\":{\"address\":\"wallets::main\"}}");
        var page1 = (await SendAsync(HttpMethod.Get, $"v2/{ledger}/accounts?pageSize=2&query={filter}")).Body.GetProperty("cursor");
        Assert.True(page1.GetProperty("hasMore").GetBoolean());
        Assert.Equal(["wallets:w0:main", "wallets:w1:main"], page1.GetProperty("data").EnumerateArray().Select(a => a.GetProperty("address").GetString()));
        var page2 = (await SendAsync(HttpMethod.Get, $"v2/{ledger}/accounts?cursor={Uri.EscapeDataString(page1.GetProperty("next").GetString()!)}")).Body.GetProperty("cursor");
        Assert.Equal(["wallets:w2:main", "wallets:w3:main"], page2.GetProperty("data").EnumerateArray().Select(a => a.GetProperty("address").GetString()));

        // Older clients send the filter as the body of a GET.
        var bodyFiltered = await SendAsync(HttpMethod.Get, $"v2/{ledger}/transactions", "{\"$match\":{\"destination\":\"banks:\"}}");
        var only = Assert.Single(bodyFiltered.Body.GetProperty("cursor").GetProperty("data").EnumerateArray());
        Assert.Equal(5, only.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Aggregated_and_point_in_time_balances_answer_from_the_postings()
    {
        var ledger = await NewLedgerAsync();
        await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions",
            """{"postings":[{"source":"world","destination":"wallets:w1:main","amount":100,"asset":"NGN/2"}],"timestamp":"2026-01-01T00:00:00Z","metadata":{}}""");
        await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions",
            """{"postings":[{"source":"wallets:w1:main","destination":"wallets:w2:main","amount":30,"asset":"NGN/2"}],"timestamp":"2026-02-01T00:00:00Z","metadata":{}}""");

        var wallets = await SendAsync(HttpMethod.Get, $"v2/{ledger}/aggregate/balances?query=" + Uri.EscapeDataString("{\"$match\":{\"address\":\"wallets:\"}}"));
        Assert.Equal(100, wallets.Body.GetProperty("data").GetProperty("NGN/2").GetInt64());
        var all = await SendAsync(HttpMethod.Get, $"v2/{ledger}/aggregate/balances");
        Assert.Equal(0, all.Body.GetProperty("data").GetProperty("NGN/2").GetInt64());

        var then = await SendAsync(HttpMethod.Get, $"v2/{ledger}/accounts/wallets:w1:main?expand=volumes&pit=2026-01-15T00:00:00Z");
        Assert.Equal(100, then.Body.GetProperty("data").GetProperty("volumes").GetProperty("NGN/2").GetProperty("balance").GetInt64());
        var now = await SendAsync(HttpMethod.Get, $"v2/{ledger}/accounts/wallets:w1:main?expand=volumes");
        Assert.Equal(70, now.Body.GetProperty("data").GetProperty("volumes").GetProperty("NGN/2").GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task Metadata_on_transactions_and_accounts_is_set_deleted_and_logged()
    {
        var ledger = await NewLedgerAsync();
        await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions", Postings("world", "wallets:w1:main", 10));

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions/0/metadata", "{\"note\":\"first\"}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Put, $"v2/{ledger}/transactions/0/metadata", "{\"by\":\"put\"}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Post, $"v2/{ledger}/accounts/wallets:w1:main/metadata", "{\"owner\":\"o1\",\"tier\":\"2\"}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"v2/{ledger}/accounts/wallets:w1:main/metadata/tier")).Status);

        Assert.Equal("first", (await SendAsync(HttpMethod.Get, $"v2/{ledger}/transactions/0")).Body.GetProperty("data").GetProperty("metadata").GetProperty("note").GetString());
        var account = (await SendAsync(HttpMethod.Get, $"v2/{ledger}/accounts/wallets:w1:main")).Body.GetProperty("data");
        Assert.Equal("o1", account.GetProperty("metadata").GetProperty("owner").GetString());
        Assert.False(account.GetProperty("metadata").TryGetProperty("tier", out _));

        var logs = (await SendAsync(HttpMethod.Get, $"v2/{ledger}/logs")).Body.GetProperty("cursor").GetProperty("data");
        Assert.Equal(["NEW_TRANSACTION", "SET_METADATA", "SET_METADATA", "SET_METADATA", "DELETE_METADATA"], logs.EnumerateArray().Select(l => l.GetProperty("type").GetString()));
    }
    private static readonly string[] NotJson = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"];

    [Fact]
    public async Task A_body_not_declared_JSON_is_refused_415_in_Formance_shape_and_writes_nothing()
    {
        var ledger = await NewLedgerAsync();
        var posting = Postings("world", "wallets:w1:main", 100);
        var declared = NotJson.Select(type => (HttpContent)new StringContent(posting, Encoding.UTF8, type));
        var undeclared = new ByteArrayContent(Encoding.UTF8.GetBytes(posting)); // no Content-Type at all
        foreach (var content in declared.Append(undeclared))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"v2/{ledger}/transactions", UriKind.Relative)) { Content = content };
            using var response = await _http.SendAsync(request, Ct);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal("VALIDATION", body.GetProperty("errorCode").GetString());
            Assert.Contains("application/json", body.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        }
        // An empty body that declares a form type is refused too (a cross-site form always declares one).
        using (var form = new HttpRequestMessage(HttpMethod.Post, new Uri($"v2/{ledger}/transactions/0/revert?force=true", UriKind.Relative)))
        {
            form.Content = new StringContent("", Encoding.UTF8, "application/x-www-form-urlencoded");
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await _http.SendAsync(form, Ct)).StatusCode);
        }

        var (status, list) = await SendAsync(HttpMethod.Get, $"v2/{ledger}/transactions");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(list.GetProperty("cursor").GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_413_whether_its_length_is_declared_or_streamed()
    {
        var ledger = await NewLedgerAsync();
        var oversize = $$$"""{"postings":[{"source":"world","destination":"wallets:w1:main","amount":100,"asset":"NGN/2"}],"metadata":{"pad":"{{{new string('x', 256 * 1024)}}}"}}""";

        foreach (var chunked in new[] { false, true })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"v2/{ledger}/transactions", UriKind.Relative))
            {
                Content = new StringContent(oversize, Encoding.UTF8, "application/json"),
            };
            request.Headers.TransferEncodingChunked = chunked;
            using var response = await _http.SendAsync(request, Ct);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("VALIDATION", body.GetProperty("errorCode").GetString());
        }

        var (_, list) = await SendAsync(HttpMethod.Get, $"v2/{ledger}/transactions");
        Assert.Empty(list.GetProperty("cursor").GetProperty("data").EnumerateArray());
    }
}
