using System.Net;
using static WalletFlow.Tests.Integration.Api.ApiFixture;

namespace WalletFlow.Tests.Integration.Api;

/// <summary>
/// The bad input table over HTTP: each row is a 4xx problem+json with its stable code and, where a
/// field is at fault, that field in <c>errors</c>; and not one row is written anywhere (claims,
/// commands, outbox, statements, ledger).
/// </summary>
public sealed class V1BadInputTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string NoKey = "<none>";

    // {ngn} is a funded NGN wallet, {usd} a USD wallet; {key} a fresh Idempotency-Key.
    [Theory]
    [InlineData("unknown currency", "/v1/payins", """{"walletId":"{ngn}","amount":"10.00","currency":"XYZ","source":"banks:b1","externalRef":"r"}""", "{key}", 400, "unknown_currency", "currency")]
    [InlineData("too many decimals", "/v1/payins", """{"walletId":"{ngn}","amount":"10.001","currency":"NGN","source":"banks:b1","externalRef":"r"}""", "{key}", 400, "invalid_amount", "amount")]
    [InlineData("negative amount", "/v1/transfers", """{"fromWalletId":"{ngn}","toWalletId":"{ngn2}","amount":"-5.00","currency":"NGN"}""", "{key}", 400, "invalid_amount", "amount")]
    [InlineData("zero amount", "/v1/transfers", """{"fromWalletId":"{ngn}","toWalletId":"{ngn2}","amount":"0","currency":"NGN"}""", "{key}", 400, "invalid_amount", "amount")]
    [InlineData("exponent amount", "/v1/payins", """{"walletId":"{ngn}","amount":"1e3","currency":"NGN","source":"banks:b1","externalRef":"r"}""", "{key}", 400, "invalid_amount", "amount")]
    [InlineData("amount as a JSON number", "/v1/payins", """{"walletId":"{ngn}","amount":10,"currency":"NGN","source":"banks:b1","externalRef":"r"}""", "{key}", 400, "invalid_json", "amount")]
    [InlineData("missing amount", "/v1/payins", """{"walletId":"{ngn}","currency":"NGN","source":"banks:b1","externalRef":"r"}""", "{key}", 400, "invalid_request", "amount")]
    [InlineData("bad source", "/v1/payins", """{"walletId":"{ngn}","amount":"1.00","currency":"NGN","source":"world","externalRef":"r"}""", "{key}", 400, "invalid_request", "source")]
    [InlineData("wrong-currency wallet", "/v1/payins", """{"walletId":"{usd}","amount":"10.00","currency":"NGN","source":"banks:b1","externalRef":"r"}""", "{key}", 422, "currency_mismatch", "walletId")]
    [InlineData("missing wallet", "/v1/payins", """{"walletId":"w_nobody","amount":"10.00","currency":"NGN","source":"banks:b1","externalRef":"r"}""", "{key}", 422, "not_found", "walletId")]
    [InlineData("missing receiving wallet", "/v1/transfers", """{"fromWalletId":"{ngn}","toWalletId":"w_nobody","amount":"1.00","currency":"NGN"}""", "{key}", 422, "not_found", "toWalletId")]
    [InlineData("malformed JSON", "/v1/payins", """{"walletId":"{ngn}","amount":""", "{key}", 400, "invalid_json", null)]
    [InlineData("a JSON array", "/v1/transfers", """[1,2]""", "{key}", 400, "invalid_json", null)]
    [InlineData("missing Idempotency-Key", "/v1/payins", """{"walletId":"{ngn}","amount":"10.00","currency":"NGN","source":"banks:b1","externalRef":"r"}""", NoKey, 400, "invalid_request", "Idempotency-Key")]
    [InlineData("malformed Idempotency-Key", "/v1/transfers", """{"fromWalletId":"{ngn}","toWalletId":"{ngn2}","amount":"1.00","currency":"NGN"}""", "bad key", 400, "invalid_request", "Idempotency-Key")]
    [InlineData("unknown wallet currency", "/v1/wallets", """{"ownerId":"o","currency":"XYZ"}""", NoKey, 400, "unknown_currency", "currency")]
    [InlineData("invalid wallet id", "/v1/wallets", """{"walletId":"a:b","ownerId":"o","currency":"NGN"}""", NoKey, 400, "invalid_request", "walletId")]
    [InlineData("an amount of 10^80", "/v1/payins", """{"walletId":"{ngn}","amount":"100000000000000000000000000000000000000000000000000000000000000000000000000000000.00","currency":"NGN","source":"banks:b1","externalRef":"r"}""", "{key}", 400, "invalid_amount", "amount")]
    [InlineData("a NUL in the external reference", "/v1/payins", """{"walletId":"{ngn}","amount":"1.00","currency":"NGN","source":"banks:b1","externalRef":"r\u0000x"}""", "{key}", 400, "invalid_request", "externalRef")]
    [InlineData("a line break in the external reference", "/v1/payins", """{"walletId":"{ngn}","amount":"1.00","currency":"NGN","source":"banks:b1","externalRef":"r\nx"}""", "{key}", 400, "invalid_request", "externalRef")]
    [InlineData("a control character in a wallet id", "/v1/transfers", """{"fromWalletId":"{ngn}","toWalletId":"w\u0007","amount":"1.00","currency":"NGN"}""", "{key}", 400, "invalid_request", "toWalletId")]
    [InlineData("a line break after a bank id", "/v1/payins", """{"walletId":"{ngn}","amount":"1.00","currency":"NGN","source":"banks:b1\n","externalRef":"r"}""", "{key}", 400, "invalid_request", "source")]
    public async Task Bad_input_is_a_4xx_problem_naming_the_field_and_writes_nothing(
        string row, string path, string json, string key, int status, string code, string? field)
    {
        var (ngn, ngn2, usd) = await WalletsAsync();
        var before = await api.CountWritesAsync();
        var wallets = await api.CountAsync("walletflow.wallets", "true");

        var answer = await api.SendAsync(HttpMethod.Post, path,
            json.Replace("{ngn}", ngn, StringComparison.Ordinal).Replace("{ngn2}", ngn2, StringComparison.Ordinal).Replace("{usd}", usd, StringComparison.Ordinal),
            key == NoKey ? null : key.Replace("{key}", NewId("key"), StringComparison.Ordinal));

        Assert.True((int)answer.Status == status && answer.Code == code, $"{row}: {answer}");
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal(status, answer.Body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(answer.Body.GetProperty("detail").GetString()));
        if (field is null)
            Assert.DoesNotContain("amount", answer.ErrorFields);
        else
            Assert.Equal([field], answer.ErrorFields);
        Assert.Equal(before, await api.CountWritesAsync());
        Assert.Equal(wallets, await api.CountAsync("walletflow.wallets", "true"));
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_and_writes_nothing()
    {
        var (ngn, _, _) = await WalletsAsync();
        var before = await api.CountWritesAsync();

        var answer = await api.SendAsync(HttpMethod.Post, "/v1/payins",
            $$"""{"walletId":"{{ngn}}","amount":"1.00","currency":"NGN","source":"banks:b1","externalRef":"{{new string('x', 70 * 1024)}}"}""", NewId("key"));

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "payload_too_large"), (answer.Status, answer.Code));
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal(before, await api.CountWritesAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_a_415_and_writes_nothing()
    {
        var before = await api.CountWritesAsync();

        var answer = await api.SendAsync(HttpMethod.Post, "/v1/payins", "walletId=w1&amount=1.00", NewId("key"), "application/x-www-form-urlencoded");

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"), (answer.Status, answer.Code));
        Assert.Equal(before, await api.CountWritesAsync());
    }

    [Fact]
    public async Task A_wallet_that_does_not_exist_is_a_404_problem_and_unknown_paths_are_problems_too()
    {
        var wallet = await api.GetAsync("/v1/wallets/w_nobody");
        var transactions = await api.GetAsync("/v1/wallets/w_nobody/transactions");
        var nowhere = await api.SendAsync(HttpMethod.Get, "/v1/nowhere", checkContract: false); // no operation of the API, by design

        Assert.Equal((HttpStatusCode.NotFound, "not_found", "application/problem+json"), (wallet.Status, wallet.Code, wallet.MediaType));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (transactions.Status, transactions.Code));
        Assert.Equal((HttpStatusCode.NotFound, "not_found", "application/problem+json"), (nowhere.Status, nowhere.Code, nowhere.MediaType));
    }

    [Fact]
    public async Task A_bad_cursor_or_page_size_is_a_400_naming_the_parameter()
    {
        var (ngn, _, _) = await WalletsAsync();

        var cursor = await api.GetAsync($"/v1/wallets/{ngn}/transactions?cursor=abc");
        var size = await api.GetAsync($"/v1/wallets/{ngn}/transactions?pageSize=1000");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (cursor.Status, cursor.Code));
        Assert.Equal(["cursor"], cursor.ErrorFields);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (size.Status, size.Code));
        Assert.Equal(["pageSize"], size.ErrorFields);
    }

    private (string Ngn, string Ngn2, string Usd)? _wallets;

    private async Task<(string Ngn, string Ngn2, string Usd)> WalletsAsync() =>
        _wallets ??= (await api.FundedWalletAsync("100.00"), await api.OpenWalletAsync(), await api.OpenWalletAsync("USD"));
}
