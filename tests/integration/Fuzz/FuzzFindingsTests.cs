using System.Net;
using WalletFlow.Api;
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
}
