using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Adapters.Stores;
using static WalletFlow.Tests.Integration.Api.ApiFixture;

namespace WalletFlow.Tests.Integration.Api;

/// <summary>The /v1 boundary on a host configured with Api:MaxBodyBytes=2048, and its answer to a failure it did not expect.</summary>
public sealed class V1BoundaryTests(SmallBodyApiFixture api) : IClassFixture<SmallBodyApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Padded with JSON whitespace, so only the size differs between a body under and over the limit.
    private static string PayIn(string walletId, int padding) =>
        $$"""{"walletId":"{{walletId}}","amount":"1.00","currency":"NGN","source":"banks:b1","externalRef":"r"}""" + new string(' ', padding);

    [Fact]
    public async Task Api_MaxBodyBytes_sets_the_limit_for_declared_and_chunked_bodies_alike()
    {
        var walletId = await api.OpenWalletAsync();
        var before = await api.CountWritesAsync();

        var declared = await api.SendAsync(HttpMethod.Post, "/v1/payins", PayIn(walletId, 3000), NewId("key"));

        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/v1/payins")
        {
            Content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(PayIn(walletId, 3000)))),
        };
        chunked.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        chunked.Headers.Add("Idempotency-Key", NewId("key"));
        using var chunkedAnswer = await api.Http.SendAsync(chunked, Ct);
        var chunkedText = await chunkedAnswer.Content.ReadAsStringAsync(Ct);

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "payload_too_large"), (declared.Status, declared.Code));
        Assert.Contains("2048 bytes", declared.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(chunkedAnswer.StatusCode == HttpStatusCode.RequestEntityTooLarge, chunkedText);
        Assert.Contains("payload_too_large", chunkedText, StringComparison.Ordinal);
        Assert.Equal(before, await api.CountWritesAsync());

        var small = await api.SendAsync(HttpMethod.Post, "/v1/payins", PayIn(walletId, 1500), NewId("key"));
        Assert.True(small.Status == HttpStatusCode.Created, small.ToString());
    }

    [Fact]
    public async Task A_failure_v1_does_not_expect_is_a_500_problem_without_internals()
    {
        var walletId = await api.OpenWalletAsync();
        await SetConnectionsAllowedAsync(false);
        ApiAnswer answer;
        try
        {
            answer = await api.GetAsync($"/v1/wallets/{walletId}");
        }
        finally
        {
            await SetConnectionsAllowedAsync(true);
            // The host's two pools (reads, commands) and this process's connection-string pools all hold
            // connections the server ended; a later test on this host must not draw one of them.
            api.Services.GetRequiredService<NpgsqlDataSource>().Clear();
            api.Services.GetRequiredService<CommandsDataSource>().DataSource.Clear();
            NpgsqlConnection.ClearAllPools();
        }

        Assert.Equal((HttpStatusCode.InternalServerError, "internal_error", "application/problem+json"), (answer.Status, answer.Code, answer.MediaType));
        Assert.False(string.IsNullOrEmpty(answer.Body.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("Npgsql", answer.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("exception", answer.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(api.Database.Name, answer.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/v1/wallets/{walletId}")).Status);
    }

    // The database refuses new connections and drops the host's pooled ones: the next read fails inside the handler.
    private async Task SetConnectionsAllowedAsync(bool allowed)
    {
        await using var admin = new NpgsqlConnection(api.Database.Server.AdminConnectionString);
        await admin.OpenAsync(Ct);
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE \"{api.Database.Name}\" ALLOW_CONNECTIONS {(allowed ? "true" : "false")}", admin))
            await alter.ExecuteNonQueryAsync(Ct);
        if (allowed)
            return;
        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", admin);
        terminate.Parameters.Add(new NpgsqlParameter { Value = api.Database.Name });
        await terminate.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>A body HttpClient cannot measure, so it is sent chunked (no Content-Length).</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
