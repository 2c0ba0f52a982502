using WalletFlow.Host;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.LedgerContract;

/// <summary>
/// walletflow's host in-process on a real loopback socket over its own database, serving the
/// Formance-compatible API at /api/ledger; the driver is the Formance adapter pointed at it.
/// </summary>
public sealed class HostedLedgerFixture(PostgresServer server) : IAsyncLifetime
{
    public const string ApiPrefix = "api/ledger/";

    private readonly FreshDatabase _database = new(server);
    private WalletFlowServer? _host;

    public FormanceHttpDriver Driver { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = await WalletFlowServer.StartAsync(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={_database.ConnectionString}"], CancellationToken.None);
        Driver = new FormanceHttpDriver(new Uri(_host.Addresses[0], ApiPrefix), "Formance adapter → walletflow host /api/ledger over HTTP");
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
