using System.Net;
using System.Text.Json;
using Npgsql;
using WalletFlow.Adapters.Payments.Sandbox;
using WalletFlow.Chaos;

namespace WalletFlow.Tests.Integration.Chaos;

/// <summary>
/// What the restart tests share with the crash harness: its own cluster (so nothing else uses the
/// task hub), the harness's rail, walletflow children configured by <see cref="ChaosHostSettings"/>,
/// and the few reads the tests assert on.
/// </summary>
public sealed class ChaosStage : IAsyncDisposable
{
    private readonly string _logs = Directory.CreateTempSubdirectory("walletflow-chaos-test-").FullName;
    private int _runs;

    private ChaosStage(ChaosCluster cluster, SandboxRail rail, NpgsqlDataSource db)
    {
        Cluster = cluster;
        Rail = rail;
        Db = db;
    }

    /// <summary>Where the children's logs are (left behind for a failed run to be read).</summary>
    public string Logs => _logs;

    public ChaosCluster Cluster { get; }
    public SandboxRail Rail { get; }
    public NpgsqlDataSource Db { get; }

    public static async Task<ChaosStage> StartAsync(int settleAfterQueries = 2, int maxConnections = 100)
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await ChaosCluster.StartAsync(maxConnections, ct);
        var rail = await ChaosRail.StartAsync(settleAfterQueries, TimeSpan.FromSeconds(4), ct);
        return new ChaosStage(cluster, rail, NpgsqlDataSource.Create(cluster.ConnectionString(5)));
    }

    /// <summary>Settings for a child on a new free port; the rail's callbacks go to it.</summary>
    public ChaosHostSettings Settings(int maxPoolSize = 20)
    {
        var settings = new ChaosHostSettings(Cluster.ConnectionString(maxPoolSize), ChaosRun.FreeLoopbackPort(), Rail.BaseUrl, ChaosRail.WebhookSecret)
        {
            MaxPoolSize = maxPoolSize,
        };
        Rail.WebhookUrl = settings.WebhookUrl;
        return settings;
    }

    public Task<ChaosHost> StartHostAsync(ChaosHostSettings settings) =>
        ChaosHost.StartAsync(settings, Path.Combine(_logs, $"walletflow-{Interlocked.Increment(ref _runs):D2}.log"), TestContext.Current.CancellationToken);

    /// <summary>Opens a wallet and pays <paramref name="amount"/> into it.</summary>
    public static async Task OpenFundedWalletAsync(ChaosClient client, string walletId, string amount)
    {
        var ct = TestContext.Current.CancellationToken;
        var opened = await client.SendAsync(HttpMethod.Post, "/v1/wallets", new { walletId, ownerId = "chaos", currency = "NGN" }, null, ct);
        Assert.True(opened.IsSuccess, opened.ToString());
        var paid = await client.SendAsync(HttpMethod.Post, "/v1/payins",
            new { walletId, amount, currency = "NGN", source = "banks:chaos", externalRef = walletId }, walletId + "-funding", ct);
        Assert.Equal(201, paid.Status);
    }

    /// <summary>Starts a payout of 10.00 (fee 0.50) to a beneficiary whose account ends in <paramref name="digit"/>; asserts the 202.</summary>
    public static async Task StartPayoutAsync(ChaosClient client, string payoutId, string walletId, char digit)
    {
        var answer = await client.SendAsync(HttpMethod.Post, "/v1/payouts", new
        {
            payoutId, walletId, amount = ChaosWorkload.PayoutAmount, currency = "NGN", providerId = "sandbox", fee = ChaosWorkload.PayoutFee,
            beneficiary = new { name = "Ada Obi", accountNumber = "01234567" + digit, bankCode = "058" },
        }, payoutId + "-key", TestContext.Current.CancellationToken);
        Assert.True(answer.Status == (int)HttpStatusCode.Accepted, answer.ToString());
    }

    public async Task<string?> PayoutStatusAsync(string payoutId)
    {
        await using var command = Db.CreateCommand("SELECT status FROM walletflow.payouts WHERE payout_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = payoutId });
        return (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Polls until <paramref name="done"/> holds; fails naming what it last saw. A generous limit, not a timing assertion.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? limit = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromMinutes(2));
        var last = "nothing";
        while (true)
        {
            try
            {
                var value = await read();
                if (done(value))
                    return value;
                last = Show(value);
            }
            catch (NpgsqlException e)
            {
                // the database restarting, or a pool busy under load: look again
                last = e.Message;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{what}: not reached; last seen {last}");
            await Task.Delay(200, ct);
        }
    }

    private static string Show<T>(T value) => value switch
    {
        null => "nothing",
        System.Collections.IEnumerable items and not string => string.Join(", ", items.Cast<object>()),
        _ => value.ToString() ?? "",
    };

    /// <summary>GET /v1/payouts/{id}: status, orchestration runtime status and saga step.</summary>
    public static async Task<(string Status, string? Orchestration, string? Step)> PayoutViewAsync(ChaosClient client, string payoutId)
    {
        var answer = await client.SendAsync(HttpMethod.Get, $"/v1/payouts/{payoutId}", null, null, TestContext.Current.CancellationToken);
        Assert.True(answer.IsSuccess, answer.ToString());
        using var body = JsonDocument.Parse(answer.Body);
        var root = body.RootElement;
        return (root.GetProperty("status").GetString()!,
            root.TryGetProperty("orchestration", out var o) ? o.GetString() : null,
            root.TryGetProperty("step", out var s) ? s.GetString() : null);
    }

    /// <summary>A count query with at most one parameter ($1; an array is one parameter, not a list of them).</summary>
    public async Task<long> CountAsync(string sql, object? parameter = null)
    {
        await using var command = Db.CreateCommand(sql);
        if (parameter is not null)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        await Rail.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
