using WalletFlow.Core.Identity;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Contracts;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.LedgerApi;

/// <summary>
/// walletflow with its raw ledger API enabled (off by default) on a listener of its own at
/// 127.0.0.1, port 0, for every test that drives <c>/api/ledger</c> over HTTP: start the host with
/// <see cref="Args"/> or <see cref="StartAsync"/>, then call it at <see cref="Url"/> (the main port
/// answers 404 there) with a <c>ledger:admin</c> key (<see cref="KeyAsync"/>, <see cref="ClientAsync"/>).
/// </summary>
public static class LedgerApiHost
{
    public const string Prefix = "api/ledger/";

    /// <summary>The host's arguments: main API and ledger API on free loopback ports, over <paramref name="connectionString"/>.</summary>
    public static string[] Args(string connectionString, params string[] extra) =>
    [
        "--urls", "http://127.0.0.1:0",
        $"--ConnectionStrings:WalletFlow={connectionString}",
        "--LedgerApi:Enabled=true",
        "--LedgerApi:Urls=http://127.0.0.1:0",
        .. extra,
    ];

    public static Task<WalletFlowServer> StartAsync(string connectionString, CancellationToken ct, params string[] extra) =>
        WalletFlowServer.StartAsync(Args(connectionString, extra), ct);

    /// <summary>The ledger API's base URL (ends in <c>/api/ledger/</c>) on the host's ledger listener.</summary>
    public static Uri Url(WalletFlowServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new Uri(Assert.Single(server.LedgerApiAddresses), Prefix);
    }

    /// <summary>A new API key with <c>ledger:admin</c>, the scope the ledger API requires.</summary>
    public static Task<string> KeyAsync(WalletFlowServer server) => server.NewKeyAsync(Scopes.LedgerAdmin);

    /// <summary>
    /// An HTTP client whose relative URIs (<c>v2/{ledger}/transactions</c>) go to the ledger API,
    /// sending a new <c>ledger:admin</c> key; every answer is checked against the Formance contract
    /// (<see cref="FormanceContract"/>), so one the contract does not declare fails the test. Pass
    /// <paramref name="contract"/> to read what it checked.
    /// </summary>
    public static async Task<HttpClient> ClientAsync(WalletFlowServer server, ContractValidatingHandler? contract = null) =>
        TestCredentials.Client(Url(server), await KeyAsync(server), contract ?? FormanceContract.HandlerOver(Url(server)));

    /// <summary>Creates a ledger named <paramref name="prefix"/> and a random suffix through <paramref name="http"/>; asserts the 204.</summary>
    public static async Task<string> NewLedgerAsync(HttpClient http, string prefix)
    {
        ArgumentNullException.ThrowIfNull(http);
        var name = prefix + Guid.NewGuid().ToString("N")[..10];
        using var created = await http.PostAsync(new Uri($"v2/{name}", UriKind.Relative), null, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, created.StatusCode);
        return name;
    }
}
