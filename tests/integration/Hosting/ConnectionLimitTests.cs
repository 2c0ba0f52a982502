using System.Net;
using System.Net.Http.Json;
using Npgsql;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Hosting;

/// <summary>
/// The run command's defaults size the connection pools and the private cluster's max_connections
/// together: a crowd of clients far larger than either queues for pooled connections, and PostgreSQL
/// never refuses one (53300, too many clients).
/// </summary>
public sealed class ConnectionLimitTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("walletflow-conn-").FullName;

    public ConnectionLimitTests()
    {
        if (!OperatingSystem.IsWindows()) // as root the cluster runs as postgres, who must reach it
            File.SetUnixFileMode(_workingDirectory, (UnixFileMode)0b111_101_101);
    }

    [Fact]
    public async Task With_default_settings_four_hundred_concurrent_clients_are_all_served_and_postgres_stays_within_max_connections()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = WalletFlowProcess.FreeLoopbackPort();
        await using var process = WalletFlowProcess.Start(_workingDirectory, null, "--urls", $"http://127.0.0.1:{port}");
        await process.WaitForOutputAsync("walletflow listening on", TimeSpan.FromSeconds(90));
        var dataDirectory = Path.Combine(_workingDirectory, ".walletflow", "pg");
        await using var db = new NpgsqlConnection(PrivateClusterLifecycleTests.ConnectionStringFrom(process.Output, dataDirectory));
        await db.OpenAsync(ct);
        await using (var show = new NpgsqlCommand("SHOW max_connections", db))
            Assert.Equal("117", await show.ExecuteScalarAsync(ct)); // 2 pools × 40 + the durable store's 16 + its LISTEN + 20

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromMinutes(2),
        };
        // The first start wrote the admin key beside the data (the README's quick start).
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await File.ReadAllTextAsync(Path.Combine(_workingDirectory, ".walletflow", "admin.key"), ct)).Trim());
        var wallets = Enumerable.Range(0, 10).Select(i => $"conn-w{i}").ToList();
        foreach (var wallet in wallets)
        {
            var opened = await http.PostAsJsonAsync("/v1/wallets", new { walletId = wallet, ownerId = "conn-owner", currency = "NGN" }, ct);
            Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync(ct));
        }

        var peak = 0;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampler = Task.Run(async () =>
        {
            await using var count = new NpgsqlCommand("SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'client backend'", db);
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, (int)(await count.ExecuteScalarAsync(CancellationToken.None))!);
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);

        var requests = Enumerable.Range(0, 400).Select(async i =>
        {
            var wallet = wallets[i % wallets.Count];
            if (i % 2 == 0)
                return (await http.GetAsync(new Uri($"/v1/wallets/{wallet}/transactions", UriKind.Relative), ct)).StatusCode;
            using var payIn = new HttpRequestMessage(HttpMethod.Post, "/v1/payins")
            {
                Content = JsonContent.Create(new { walletId = wallet, amount = "1.00", currency = "NGN", source = "banks:conn", externalRef = $"ext-{i}" }),
            };
            payIn.Headers.Add("Idempotency-Key", $"conn-{i}");
            return (await http.SendAsync(payIn, ct)).StatusCode;
        });
        var statuses = await Task.WhenAll(requests);
        await sampling.CancelAsync();
        await sampler;

        Assert.All(statuses.Where((_, i) => i % 2 == 0), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(statuses.Where((_, i) => i % 2 == 1), s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.InRange(peak, 1, 100);
        Assert.DoesNotContain("53300", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("too many clients", process.Output, StringComparison.Ordinal);
        await db.CloseAsync();
        await process.SignalAsync("TERM");
        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);
}
