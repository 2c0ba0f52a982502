using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Core.Flags;
using WalletFlow.Core.Ports;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Cutover;

/// <summary>
/// The real host in-process (Kestrel on loopback, the durable worker on its PostgreSQL store) over a fresh
/// database, with cutover batches small enough that a few hundred rows make several of them.
/// </summary>
public sealed class CutoverHost(PostgresServer postgres) : IAsyncLifetime
{
    private readonly FreshDatabase _database = new(postgres);

    public WalletFlowServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public NpgsqlDataSource Db => _database.DataSource;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        Server = await WalletFlowServer.StartAsync(
            ["--urls", "http://127.0.0.1:0", .. await _database.ServiceArgumentsAsync(), "--Cutover:BatchSize=40"], CancellationToken.None);
        Http = await Server.AdminClientAsync();
    }

    public T Get<T>() where T : notnull => Server.Services.GetRequiredService<T>();

    /// <summary>POST /v1/cutovers with the file as text/csv.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body, string? Location)> UploadAsync(HttpClient http, string csv, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/cutovers") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (response.StatusCode, body, response.Headers.Location?.ToString());
    }

    /// <summary>GET /v1/cutovers/{id} until <paramref name="done"/> holds (a generous limit, not a timing assertion).</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient http, string cutoverId, Func<JsonElement, bool> done, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            JsonElement body = default;
            try
            {
                body = await http.GetFromJsonAsync<JsonElement>($"/v1/cutovers/{cutoverId}", Ct);
                if (done(body))
                    return body;
            }
            catch (HttpRequestException)
            {
                // the host restarting: look again
            }
            Assert.True(DateTime.UtcNow < deadline, $"cutover {cutoverId} did not get there; last seen {body}");
            await Task.Delay(200, Ct);
        }
    }

    public static bool Ended(JsonElement cutover) =>
        cutover.GetProperty("status").GetString() is "Live" or "Failed" or "RolledBack" or "RollbackFailed"
        && cutover.GetProperty("orchestration").GetString() is not ("Running" or "Pending")
        && cutover.GetProperty("rollbackOrchestration").GetString() is not ("Running" or "Pending");

    public async Task<bool> FlagAsync(string name) => (await Get<IFeatureFlags>().GetAsync(name, Ct)).Enabled;

    public Task<bool> LegacyFrozenAsync() => FlagAsync(FeatureFlagNames.LegacyFrozen);

    public Task<bool> CutoverLiveAsync() => FlagAsync(FeatureFlagNames.CutoverLive);

    /// <summary>Every wallet's main balance of the file's wallets, by wallet id (absent when the wallet has none).</summary>
    public async Task<Dictionary<string, BigInteger>> MainBalancesAsync(CutoverFile file)
    {
        var wanted = file.Rows.ToDictionary(r => $"wallets:{r.WalletId}:main", r => r.WalletId, StringComparer.Ordinal);
        var balances = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        await foreach (var balance in Get<ILedger>().ListBalancesAsync("wallets:", Ct))
        {
            if (wanted.TryGetValue(balance.Address.Value, out var walletId))
                balances[walletId] = balance.Balance;
        }
        return balances;
    }

    /// <summary>Per asset, the sum of every ledger balance (each zero when the books foot).</summary>
    public async Task<Dictionary<string, BigInteger>> AssetSumsAsync()
    {
        var sums = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        await foreach (var balance in Get<ILedger>().ListBalancesAsync("", Ct))
            sums[balance.Asset] = sums.GetValueOrDefault(balance.Asset) + balance.Balance;
        return sums;
    }

    public async Task<long> CountAsync(string sql, params object[] parameters)
    {
        await using var command = Db.CreateCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await _database.DisposeAsync();
    }
}
