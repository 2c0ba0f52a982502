using WalletFlow.Host;
using WalletFlow.Tests.Integration.Infrastructure;
using WalletFlow.Tests.Integration.LedgerApi;

namespace WalletFlow.Tests.Integration.LedgerContract;

/// <summary>
/// walletflow's host in-process on a real loopback socket over its own database, serving the
/// Formance-compatible API at /api/ledger on its own listener; the driver is the Formance adapter pointed at it,
/// and every answer it receives is checked against the Formance contract's schema for its operation and status.
/// </summary>
public sealed class HostedLedgerFixture(PostgresServer server) : IAsyncLifetime
{
    private readonly FreshDatabase _database = new(server);
    private WalletFlowServer? _host;

    public FormanceHttpDriver Driver { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = await LedgerApiHost.StartAsync(_database.ConnectionString, CancellationToken.None);
        Driver = new FormanceHttpDriver(LedgerApiHost.Url(_host), "Formance adapter → walletflow host /api/ledger over HTTP",
            bearer: await LedgerApiHost.KeyAsync(_host), checkContract: true);
    }

    public async ValueTask DisposeAsync()
    {
        Driver?.Dispose();
        if (_host is not null)
            await _host.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>Target (2): the Formance adapter against walletflow's own Formance-compatible API, over real HTTP.</summary>
public sealed class HostedLedgerContractTests(HostedLedgerFixture fixture) : LedgerContractTests, IClassFixture<HostedLedgerFixture>
{
    protected override ILedgerDriver Driver => fixture.Driver;
}
