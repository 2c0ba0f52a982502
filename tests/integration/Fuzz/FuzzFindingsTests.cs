using System.Net;
using System.Text;
using System.Text.Json;
using WalletFlow.Adapters.Payments;
using WalletFlow.Api;
using LedgerHttpApi = WalletFlow.Host.LedgerApi.LedgerApi;
using WalletFlow.Tests.Integration.Infrastructure;
using WalletFlow.Tests.Integration.Api;

namespace WalletFlow.Tests.Integration.Fuzz;

/// <summary>What the fuzzer found, each pinned by a focused test through the real host.</summary>
public sealed class FuzzFindingsTests(FuzzApiFixture api) : IClassFixture<FuzzApiFixture>
{
    private static string PayIn(string walletId) =>
        $$"""{"walletId":"{{walletId}}","amount":"10.00","currency":"NGN","source":"banks:fuzz","externalRef":"{{Guid.NewGuid():N}}"}""";

    [Theory]
    [InlineData("application/json; charset=nope")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=latin1")]
    public async Task A_v1_body_in_a_charset_other_than_UTF8_is_refused_with_415_and_writes_nothing(string contentType)
    {
        var walletId = await api.OpenWalletAsync();
        var before = await api.CountWritesAsync();

        var answer = await api.SendAsync(HttpMethod.Post, "/v1/payins", PayIn(walletId), ApiFixture.NewId("key"), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal(ApiProblems.UnsupportedMediaType, answer.Body.GetProperty("code").GetString());
        Assert.Equal(before, await api.CountWritesAsync());
    }

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json;charset=UTF-8")]
    [InlineData("application/json; charset=utf8")]
    public async Task A_v1_body_declared_UTF8_in_any_spelling_is_read(string contentType)
    {
        var walletId = await api.OpenWalletAsync();

        var answer = await api.SendAsync(HttpMethod.Post, "/v1/payins", PayIn(walletId), ApiFixture.NewId("key"), contentType);

        Assert.True(answer.Status == HttpStatusCode.Created, answer.Text);
        Assert.Contains(answer.Body.GetProperty("postings").EnumerateArray(), p =>
            p.GetProperty("destination").GetString() == $"wallets:{walletId}:main" && p.GetProperty("amountMinor").GetString() == "1000");
    }

    [Fact]
    public async Task A_signed_webhook_naming_a_payout_id_with_a_NUL_answers_404_not_500()
    {
        var body = Encoding.UTF8.GetBytes("""{"payoutId":"p\u0000x","status":"accepted","reference":"sbx-1"}""");
        using var http = new HttpClient { BaseAddress = api.Server.Addresses[0] };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/providers/sandbox/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(ApiHeaders.SignatureHeader, WebhookSignature.Sign(FuzzApiFixture.WebhookSecret, DateTimeOffset.UtcNow, body));

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("POST", "v2/walletflow/accounts/fz:nul/metadata", """{"k":"a\u0000"}""")]
    [InlineData("POST", "v2/walletflow/accounts/fz:nul/metadata", """{"k\u0000":"a"}""")]
    [InlineData("PUT", "v2/walletflow/transactions/0/metadata", """{"k":"a\u0000"}""")]
    [InlineData("POST", "v2/fznulledger/", """{"metadata":{"k":"a\u0000"}}""")]
    [InlineData("POST", "v2/walletflow/transactions", """{"script":{"plain":"set_tx_meta(\"k\", \"a\u0000\")\nsend [NGN/2 1] (source = @world destination = @fz:nul)","vars":{}}}""")]
    [InlineData("POST", "v2/walletflow/transactions", """{"script":{"plain":"set_account_meta(@fz:nul, \"k\", \"a\u0000\")\nsend [NGN/2 1] (source = @world destination = @fz:nul)","vars":{}}}""")]
    [InlineData("GET", "v2/walletflow/transactions", """{"$match":{"metadata[k]":"a\u0000"}}""")]
    [InlineData("GET", "v2/walletflow/transactions", """{"$match":{"reference":"a\u0000"}}""")]
    [InlineData("GET", "v2/walletflow/accounts", """{"$exists":{"metadata":"k\u0000"}}""")]
    [InlineData("GET", "v2/walletflow/transactions", """{"$match":{"reference":"\ud800"}}""")]
    [InlineData("GET", "v2/walletflow/transactions", """{"$match":{"metadata[k\udc00]":"v"}}""")]
    [InlineData("GET", "v2/walletflow/accounts", """{"$exists":{"metadata":"\ud800"}}""")]
    public Task Ledger_API_text_with_a_NUL_or_an_unpaired_surrogate_is_a_VALIDATION_refusal_not_a_500(string method, string path, string json) =>
        AssertValidationRefusalAsync(method, path, json);

    [Theory]
    [InlineData("""{"postings":[null]}""")]
    [InlineData("""{"postings":[{"source":null,"destination":"fz:a","amount":1,"asset":"NGN/2"}]}""")]
    [InlineData("""{"postings":[{"source":"world","destination":null,"amount":1,"asset":"NGN/2"}]}""")]
    [InlineData("""{"postings":[{"source":"world","destination":"fz:a","amount":1}]}""")]
    [InlineData("""{"script":{"plain":null}}""")]
    [InlineData("""{"script":{"vars":{}}}""")]
    public Task Ledger_API_nulls_where_a_posting_or_a_script_goes_are_a_VALIDATION_refusal_not_a_500(string json) =>
        AssertValidationRefusalAsync("POST", "v2/walletflow/transactions", json);

    private async Task AssertValidationRefusalAsync(string method, string path, string json)
    {
        using var ledger = TestCredentials.Client(new Uri(Assert.Single(api.Server.LedgerApiAddresses), LedgerHttpApi.Prefix + "/"), api.AdminKey);
        var logs = await LedgerLogCountAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await ledger.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("VALIDATION", JsonDocument.Parse(text).RootElement.GetProperty("errorCode").GetString());
        Assert.Equal(logs, await LedgerLogCountAsync());
    }

    private Task<long> LedgerLogCountAsync() => api.CountAsync("ledger.logs", "TRUE");
}
