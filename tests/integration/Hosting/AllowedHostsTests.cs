using System.Net;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Infrastructure;
using WalletFlow.Tests.Integration.LedgerApi;

namespace WalletFlow.Tests.Integration.Hosting;

/// <summary>
/// AllowedHosts (appsettings.json: localhost, 127.0.0.1, [::1]): a page on evil.example whose name
/// is rebound to 127.0.0.1 reaches the socket, but its requests say Host: evil.example and are refused.
/// </summary>
public class AllowedHostsTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    private static async Task<HttpStatusCode> GetAsync(Uri baseAddress, string path, string? host = null, string? key = null)
    {
        using var http = key is null ? new HttpClient { BaseAddress = baseAddress } : TestCredentials.Client(baseAddress, key);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (host is not null)
            request.Headers.Host = host;
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_request_for_another_host_name_is_a_400_on_both_listeners_and_loopback_names_are_served()
    {
        await using var server = await LedgerApiHost.StartAsync(database.ConnectionString, TestContext.Current.CancellationToken);
        var main = server.Addresses[0];
        var ledger = server.LedgerApiAddresses[0];
        var key = await server.NewKeyAsync();

        Assert.Equal(HttpStatusCode.BadRequest, await GetAsync(main, "/health/live", "evil.example"));
        Assert.Equal(HttpStatusCode.BadRequest, await GetAsync(main, "/health/live", $"evil.example:{main.Port}"));
        Assert.Equal(HttpStatusCode.BadRequest, await GetAsync(main, "/v1/gates", "evil.example", key));
        Assert.Equal(HttpStatusCode.BadRequest, await GetAsync(ledger, "/api/ledger/_info", "evil.example", key));

        Assert.Equal(HttpStatusCode.OK, await GetAsync(main, "/health/live"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(main, "/health/live", $"localhost:{main.Port}"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(main, "/v1/gates", key: key));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(ledger, "/api/ledger/_info", key: key));
    }

    [Fact]
    public async Task AllowedHosts_is_configurable()
    {
        await using var server = await WalletFlowServer.StartAsync(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={database.ConnectionString}", "--AllowedHosts=wallet.internal"],
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, await GetAsync(server.Addresses[0], "/health/live", "wallet.internal"));
        Assert.Equal(HttpStatusCode.BadRequest, await GetAsync(server.Addresses[0], "/health/live", "evil.example"));
        Assert.Equal(HttpStatusCode.BadRequest, await GetAsync(server.Addresses[0], "/health/live"));
    }
}
