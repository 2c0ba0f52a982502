using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using WalletFlow.Core.Identity;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Contracts;
using WalletFlow.Tests.Integration.Durable;
using WalletFlow.Tests.Integration.Infrastructure;
using LedgerHttpApi = WalletFlow.Host.LedgerApi.LedgerApi;

namespace WalletFlow.Tests.Integration.LedgerApi;

/// <summary>
/// The raw ledger API is an admin surface: off by default, when on served only on LedgerApi:Urls
/// (never on the main port), and never in Formance mode.
/// </summary>
public class LedgerApiListenerTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string[] MainArgs(params string[] extra) =>
        ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={database.ConnectionString}", .. extra];

    // ledgerApi: a request the ledger API answers, whose answer is checked against the Formance contract
    // (refusals of credentials included); the main port's 404s and other paths are not its answers.
    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(Uri baseAddress, HttpMethod method, string path, string? json = null, string? key = null, bool ledgerApi = false)
    {
        using var http = ledgerApi ? new HttpClient(FormanceContract.HandlerOver(new Uri(baseAddress, LedgerHttpApi.Prefix + "/"))) : new HttpClient();
        http.BaseAddress = baseAddress;
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, Ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private const string WorldPosting = """{"postings":[{"source":"world","destination":"wallets:w1:main","amount":100,"asset":"NGN/2"}]}""";

    [Fact]
    public async Task Disabled_by_default_the_main_port_answers_404_and_nothing_listens_on_the_ledger_url()
    {
        var port = ListeningSockets.FreeLoopbackPort();
        await using var server = await WalletFlowServer.StartAsync(MainArgs($"--LedgerApi:Urls=http://127.0.0.1:{port}"), Ct);
        var main = server.Addresses[0];
        var admin = await server.NewKeyAsync();

        Assert.Empty(server.LedgerApiAddresses);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(main, HttpMethod.Get, "/api/ledger/_info", key: admin)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(main, HttpMethod.Post, "/api/ledger/v2/walletflow/transactions", WorldPosting, admin)).Status);
        Assert.False(await AcceptsAsync(port));
        if (OperatingSystem.IsLinux())
            Assert.Empty(ListeningSockets.On(port));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(main, HttpMethod.Get, "/health/live")).Status);
    }

    [Fact]
    public async Task Enabled_it_is_served_on_its_own_port_only_and_that_port_serves_nothing_else()
    {
        var port = ListeningSockets.FreeLoopbackPort();
        await using var server = await WalletFlowServer.StartAsync(
            MainArgs("--LedgerApi:Enabled=true", $"--LedgerApi:Urls=http://127.0.0.1:{port}"), Ct);
        var main = Assert.Single(server.Addresses);
        var ledger = Assert.Single(server.LedgerApiAddresses);
        var admin = await server.NewKeyAsync();

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), ledger);
        Assert.NotEqual(port, main.Port);
        var info = await SendAsync(ledger, HttpMethod.Get, "/api/ledger/_info", key: admin, ledgerApi: true);
        Assert.Equal(HttpStatusCode.OK, info.Status);
        Assert.Equal("walletflow-embedded-ledger", JsonDocument.Parse(info.Body).RootElement.GetProperty("server").GetString());
        var ledgerName = "l" + Guid.NewGuid().ToString("N")[..10];
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(ledger, HttpMethod.Post, $"/api/ledger/v2/{ledgerName}", key: admin, ledgerApi: true)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ledger, HttpMethod.Post, $"/api/ledger/v2/{ledgerName}/transactions", WorldPosting, admin, ledgerApi: true)).Status);

        // The main port has no ledger API, whatever the Host header claims; the ledger port has nothing but it.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(main, HttpMethod.Get, "/api/ledger/_info", key: admin)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(main, HttpMethod.Get, $"/api/ledger/v2/{ledgerName}/transactions", key: admin)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(main, HttpMethod.Post, $"/api/ledger/v2/{ledgerName}/transactions", WorldPosting, admin)).Status);
        using (var http = TestCredentials.Client(main, admin))
        using (var spoofed = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/ledger/_info", UriKind.Relative)))
        {
            spoofed.Headers.Host = $"127.0.0.1:{port}";
            Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(spoofed, Ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(ledger, HttpMethod.Get, "/health/live", key: admin)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(ledger, HttpMethod.Get, "/v1/wallets/w1", key: admin)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(main, HttpMethod.Get, "/health/live")).Status);
        // Without credentials the main port tells the ledger API's paths from any unknown path by nothing.
        Assert.Equal((await SendAsync(main, HttpMethod.Get, "/no/such/path")).Status, (await SendAsync(main, HttpMethod.Get, "/api/ledger/_info")).Status);

        // One transaction in that ledger: the refused posts wrote nothing.
        var list = await SendAsync(ledger, HttpMethod.Get, $"/api/ledger/v2/{ledgerName}/transactions", key: admin, ledgerApi: true);
        Assert.Single(JsonDocument.Parse(list.Body).RootElement.GetProperty("cursor").GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task It_answers_only_callers_with_ledger_admin_a_world_posting_without_it_is_403_and_writes_nothing()
    {
        await using var server = await LedgerApiHost.StartAsync(database.ConnectionString, Ct);
        var ledger = LedgerApiHost.Url(server);
        var ledgerAdmin = await LedgerApiHost.KeyAsync(server);
        var ledgerName = "l" + Guid.NewGuid().ToString("N")[..10];
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(ledger, HttpMethod.Post, $"v2/{ledgerName}", key: ledgerAdmin, ledgerApi: true)).Status);
        var transactions = $"v2/{ledgerName}/transactions";

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(ledger, HttpMethod.Post, transactions, WorldPosting, ledgerApi: true)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(ledger, HttpMethod.Post, transactions, WorldPosting, "wf_not_a_key", ledgerApi: true)).Status);
        var moneyMover = await server.NewKeyAsync(Scopes.MovementsWrite, Scopes.WalletsRead, Scopes.ReportsRead);
        var forbidden = await SendAsync(ledger, HttpMethod.Post, transactions, WorldPosting, moneyMover, ledgerApi: true);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Contains("ledger:admin", JsonDocument.Parse(forbidden.Body).RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(ledger, HttpMethod.Get, transactions, key: moneyMover, ledgerApi: true)).Status);
        var empty = await SendAsync(ledger, HttpMethod.Get, transactions, key: ledgerAdmin, ledgerApi: true);
        Assert.Empty(JsonDocument.Parse(empty.Body).RootElement.GetProperty("cursor").GetProperty("data").EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ledger, HttpMethod.Post, transactions, WorldPosting, ledgerAdmin, ledgerApi: true)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ledger, HttpMethod.Post, transactions, WorldPosting, await server.NewKeyAsync(), ledgerApi: true)).Status);
        var two = await SendAsync(ledger, HttpMethod.Get, transactions, key: ledgerAdmin, ledgerApi: true);
        Assert.Equal(2, JsonDocument.Parse(two.Body).RootElement.GetProperty("cursor").GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Enabling_it_in_Formance_mode_stops_the_start_naming_LedgerApi_Enabled()
    {
        var port = ListeningSockets.FreeLoopbackPort();
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => WalletFlowServer.StartAsync(MainArgs(
            "--Ledger:Mode=Formance", "--Ledger:Formance:BaseUrl=http://127.0.0.1:9/",
            "--LedgerApi:Enabled=true", $"--LedgerApi:Urls=http://127.0.0.1:{port}"), Ct));

        Assert.Contains("LedgerApi:Enabled must be false when Ledger:Mode is Formance", Messages(refused), StringComparison.Ordinal);
        Assert.False(await AcceptsAsync(port));
    }

    [Fact]
    public async Task A_ledger_url_that_is_not_an_http_url_stops_the_start_naming_LedgerApi_Urls()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => WalletFlowServer.StartAsync(MainArgs(
            "--LedgerApi:Enabled=true", "--LedgerApi:Urls=ftp://127.0.0.1:5081"), Ct));

        Assert.Contains("LedgerApi:Urls must be http(s) URLs", Messages(refused), StringComparison.Ordinal);
    }

    private static string Messages(Exception e) => e is AggregateException all
        ? string.Join(" | ", all.Flatten().InnerExceptions.Select(i => i.Message))
        : e.Message;
}
