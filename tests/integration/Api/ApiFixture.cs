using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Contracts;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Api;

/// <summary>
/// The real walletflow host (WalletFlowServer: Kestrel on a loopback port, the embedded ledger) over a
/// fresh migrated database, and an HttpClient to it. Tests read the database back to count writes.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    private readonly FreshDatabase _database;
    private readonly string[] _settings;
    private WalletFlowServer _server = null!;

    public ApiFixture(PostgresServer server) : this(server, [])
    {
    }

    /// <param name="server">The run's PostgreSQL server.</param>
    /// <param name="settings">More configuration arguments for the host (<c>--Api:MaxBodyBytes=2048</c>).</param>
    /// <param name="checkContract">
    /// Check every answer <see cref="Http"/> receives against the OpenAPI document the host serves
    /// (<c>/openapi/v1.json</c>): an operation, status or body it does not declare fails the test.
    /// Off only for requests meant to miss the API (the fuzzer's hostile paths).
    /// </param>
    protected ApiFixture(PostgresServer server, string[] settings, bool checkContract = true)
    {
        _database = new FreshDatabase(server);
        _settings = settings;
        _checkContract = checkContract;
    }

    private readonly bool _checkContract;

    /// <summary>The host's own /openapi/v1.json, which <see cref="Http"/>'s answers are checked against.</summary>
    public OpenApiContract Contract { get; private set; } = null!;

    public FreshDatabase Database => _database;

    /// <summary>The host's services (its NpgsqlDataSource, for one).</summary>
    public IServiceProvider Services => _server.Services;

    /// <summary>Sends an admin API key with every request.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The admin API key <see cref="Http"/> sends.</summary>
    public string AdminKey { get; private set; } = null!;

    /// <summary>The host's server (to make more API clients with <see cref="TestCredentials"/>).</summary>
    public WalletFlowServer Server => _server;

    /// <summary>Every table a movement writes, and the ledger's transactions.</summary>
    public static readonly string[] WrittenTables =
    [
        "walletflow.idempotency_claims", "walletflow.commands", "walletflow.outbox", "walletflow.statement_lines", "ledger.transactions",
    ];

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await WalletFlowServer.StartAsync(
            ["--urls", "http://127.0.0.1:0", .. await _database.ServiceArgumentsAsync(), .. _settings],
            TestContext.Current.CancellationToken);
        AdminKey = await _server.NewKeyAsync();
        Contract = OpenApiContract.Parse(await DocumentAsync(), "json", "walletflow's /openapi/v1.json");
        Http = TestCredentials.Client(_server.Addresses[0], AdminKey, _checkContract ? ContractValidatingHandler.Over(Contract, "/") : null);
    }

    /// <summary>The OpenAPI document the host serves, as text (read past the contract check: it is not an operation of itself).</summary>
    public async Task<string> DocumentAsync()
    {
        using var http = TestCredentials.Client(_server.Addresses[0], AdminKey);
        return await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _server.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public static string NewId(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>
    /// Sends a request; <paramref name="idempotencyKey"/> adds the header when not null. Its answer is
    /// checked against /openapi/v1.json unless <paramref name="checkContract"/> is false (a request that
    /// is meant to be no operation of the API, such as an unknown path).
    /// </summary>
    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, string? json = null, string? idempotencyKey = null, string contentType = "application/json",
        bool checkContract = true)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType));
        if (idempotencyKey is not null)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        using var plain = checkContract ? null : TestCredentials.Client(_server.Addresses[0], AdminKey);
        using var response = await (plain ?? Http).SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new ApiAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text,
            response.Headers.RetryAfter?.Delta, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public Task<ApiAnswer> PostAsync(string path, object body, string? idempotencyKey) =>
        SendAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body), idempotencyKey);

    public Task<ApiAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>Opens an NGN (by default) wallet over HTTP.</summary>
    public async Task<string> OpenWalletAsync(string currency = "NGN")
    {
        var walletId = NewId("w");
        var opened = await PostAsync("/v1/wallets", new { walletId, ownerId = NewId("owner"), currency }, null);
        Assert.True(opened.Status == HttpStatusCode.Created, opened.Text);
        return walletId;
    }

    /// <summary>Opens a wallet and pays <paramref name="amount"/> into it from a bank.</summary>
    public async Task<string> FundedWalletAsync(string amount, string currency = "NGN")
    {
        var walletId = await OpenWalletAsync(currency);
        var paid = await PostAsync("/v1/payins", new { walletId, amount, currency, source = "banks:fixture", externalRef = NewId("ext") }, NewId("key"));
        Assert.True(paid.Status == HttpStatusCode.Created, paid.Text);
        return walletId;
    }

    /// <summary>Row counts of <see cref="WrittenTables"/>, in that order.</summary>
    public async Task<long[]> CountWritesAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var counts = new long[WrittenTables.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {WrittenTables[i]}", connection);
            counts[i] = (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        }
        return counts;
    }

    public async Task<long> CountAsync(string table, string where, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE {where}", connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
