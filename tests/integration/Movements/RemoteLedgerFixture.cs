using WalletFlow.Adapters.Ledger.Formance;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Infrastructure;
using WalletFlow.Tests.Integration.UseCases;

namespace WalletFlow.Tests.Integration.Movements;

/// <summary>
/// A Formance-compatible ledger over real HTTP for walletflow in Formance mode: walletflow's host
/// in-process on a loopback socket and a database of its own, serving the embedded ledger's Formance
/// v2 API at /api/ledger, with a <see cref="CommandCutProxy"/> in front of it.
/// </summary>
public sealed class RemoteLedgerFixture(PostgresServer server) : IAsyncLifetime
{
    private readonly FreshDatabase _database = new(server);
    private WalletFlowServer? _host;

    /// <summary>The ledger's own URL (no proxy).</summary>
    public Uri LedgerUrl { get; private set; } = null!;

    /// <summary>The proxy walletflow reaches the ledger through.</summary>
    public CommandCutProxy Proxy { get; private set; } = null!;

    public PostgresServer Server => server;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = await WalletFlowServer.StartAsync(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={_database.ConnectionString}", "--Gates:RunOnStartup=false"],
            CancellationToken.None);
        LedgerUrl = new Uri(_host.Addresses[0], "api/ledger/");
        Proxy = await CommandCutProxy.StartAsync(LedgerUrl);
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
        if (_host is not null)
            await _host.DisposeAsync();
        await _database.DisposeAsync();
    }
}
