using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using WalletFlow.Core.Identity;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Api;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Corrections;

/// <summary>
/// The real host over a fresh database, on the PostgreSQL durable store (the default), with three
/// principals: a maker (corrections:request), a checker (corrections:approve) and a maker who may also
/// approve (both scopes: maker/checker must still refuse their own). It can be stopped and started again
/// on the same database.
/// </summary>
public sealed class CorrectionHost(PostgresServer postgres) : IAsyncLifetime
{
    private readonly FreshDatabase _database = new(postgres);
    private readonly List<HttpClient> _clients = [];

    public WalletFlowServer Server { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Maker { get; private set; } = null!;
    public HttpClient Checker { get; private set; } = null!;
    public HttpClient MakerWhoMayApprove { get; private set; } = null!;
    public NpgsqlDataSource Db => _database.DataSource;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        await StartAsync();
    }

    /// <summary>Starts the host (again) on the same database; the principals keep their keys only within one start.</summary>
    public async Task StartAsync(params string[] extra)
    {
        Server = await WalletFlowServer.StartAsync(
            ["--urls", "http://127.0.0.1:0", .. await _database.ServiceArgumentsAsync(), .. extra], CancellationToken.None);
        Admin = Track(await Server.AdminClientAsync());
        Maker = Track(TestCredentials.Client(Server.Addresses[0], await Server.NewKeyAsync(Scopes.CorrectionsRequest)));
        Checker = Track(TestCredentials.Client(Server.Addresses[0], await Server.NewKeyAsync(Scopes.CorrectionsApprove)));
        MakerWhoMayApprove = Track(TestCredentials.Client(Server.Addresses[0], await Server.NewKeyAsync(Scopes.CorrectionsRequest, Scopes.CorrectionsApprove)));
    }

    public async Task StopAsync()
    {
        foreach (var client in _clients)
            client.Dispose();
        _clients.Clear();
        await Server.DisposeAsync();
    }

    private HttpClient Track(HttpClient client)
    {
        _clients.Add(client);
        return client;
    }

    public static async Task<ApiAnswer> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        if (idempotencyKey is not null)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return new ApiAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, null,
            text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>A wallet holding <paramref name="amount"/> NGN, paid in from a bank; returns it and the pay-in's ledger transaction.</summary>
    public async Task<(string WalletId, long PayInTransaction)> FundedWalletAsync(string amount)
    {
        var walletId = ApiFixture.NewId("w");
        var opened = await SendAsync(Admin, HttpMethod.Post, "/v1/wallets", new { walletId, ownerId = ApiFixture.NewId("owner"), currency = "NGN" });
        Assert.True(opened.Status == HttpStatusCode.Created, opened.ToString());
        var paid = await SendAsync(Admin, HttpMethod.Post, "/v1/payins",
            new { walletId, amount, currency = "NGN", source = "banks:corrections", externalRef = ApiFixture.NewId("ext") }, ApiFixture.NewId("key"));
        Assert.True(paid.Status == HttpStatusCode.Created, paid.ToString());
        return (walletId, paid.Body.GetProperty("transactionId").GetInt64());
    }

    /// <summary>The wallet's available balance in minor units, as GET /v1/wallets/{id} answers it.</summary>
    public async Task<long> AvailableAsync(string walletId)
    {
        var wallet = await SendAsync(Admin, HttpMethod.Get, $"/v1/wallets/{walletId}");
        Assert.True(wallet.Status == HttpStatusCode.OK, wallet.ToString());
        return long.Parse(wallet.Body.GetProperty("balances").GetProperty("available").GetProperty("amountMinor").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Reads the correction until its status is one of <paramref name="statuses"/> (60 s at most).</summary>
    public async Task<JsonElement> WaitForStatusAsync(string correctionId, params string[] statuses)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var read = await SendAsync(Checker, HttpMethod.Get, $"/v1/corrections/{correctionId}");
            Assert.True(read.Status == HttpStatusCode.OK, read.ToString());
            if (statuses.Contains(read.Body.GetProperty("status").GetString()))
                return read.Body;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Correction {correctionId} never reached {string.Join("/", statuses)}: {read}");
            await Task.Delay(100, Ct);
        }
    }

    public async Task<long> CountAsync(string sql, params object[] parameters)
    {
        await using var command = Db.CreateCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    public async Task<IReadOnlyList<string>> EventsAsync(string correctionId)
    {
        await using var command = Db.CreateCommand("SELECT event_type FROM walletflow.outbox WHERE aggregate_type = 'correction' AND aggregate_id = $1 ORDER BY outbox_id");
        command.Parameters.Add(new NpgsqlParameter { Value = correctionId });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var events = new List<string>();
        while (await reader.ReadAsync(Ct))
            events.Add(reader.GetString(0));
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _database.DisposeAsync();
    }
}
