using WalletFlow.Adapters.Ledger.Formance;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Infrastructure;
using WalletFlow.Tests.Integration.LedgerApi;
using WalletFlow.Tests.Integration.UseCases;

namespace WalletFlow.Tests.Integration.Movements;

/// <summary>
/// A Formance-compatible ledger over real HTTP for walletflow in Formance mode: walletflow's host
/// in-process on a loopback socket and a database of its own, serving the embedded ledger's Formance
/// v2 API at /api/ledger (on its own listener), with a <see cref="CommandCutProxy"/> in front of it.
/// </summary>
public sealed class RemoteLedgerFixture(PostgresServer server) : IAsyncLifetime
{
    private readonly FreshDatabase _database = new(server);
    private WalletFlowServer? _host;

    /// <summary>
    /// The ledger without cuts: a pass-through (never armed) that adds the ledger API's ledger:admin
    /// key, since the Formance adapter sends OAuth2 client-credentials tokens but no static key.
    /// </summary>
    public Uri LedgerUrl => _passThrough.Url;

    private CommandCutProxy _passThrough = null!;

    /// <summary>The proxy walletflow reaches the ledger through.</summary>
    public CommandCutProxy Proxy { get; private set; } = null!;

    public PostgresServer Server => server;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = await LedgerApiHost.StartAsync(_database.ConnectionString, CancellationToken.None, "--Gates:RunOnStartup=false");
        var key = await LedgerApiHost.KeyAsync(_host);
        _passThrough = await CommandCutProxy.StartAsync(LedgerApiHost.Url(_host), key);
        Proxy = await CommandCutProxy.StartAsync(LedgerApiHost.Url(_host), key);
    }

    /// <summary>
    /// walletflow's services in Formance mode (as the host wires them) on a fresh database of their own,
    /// posting through the proxy to a ledger of their own on this server, so each test's books are its own.
    /// </summary>
    public async Task<UseCaseFixture> StartWalletFlowAsync()
    {
        var ledger = UseCaseFixture.NewId("orphans");
        var fx = new UseCaseFixture(server, new Dictionary<string, string?>
        {
            ["Ledger:Mode"] = "Formance",
            ["Ledger:Formance:BaseUrl"] = Proxy.Url.ToString(),
            ["Ledger:Name"] = ledger,
        });
        await fx.InitializeAsync();
        var created = await fx.Get<FormanceLedgerClient>().CreateLedgerAsync(ledger, null, CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return fx;
    }

    public async ValueTask DisposeAsync()
    {
        if (Proxy is not null)
            await Proxy.DisposeAsync();
        if (_passThrough is not null)
            await _passThrough.DisposeAsync();
        if (_host is not null)
            await _host.DisposeAsync();
        await _database.DisposeAsync();
    }
}
