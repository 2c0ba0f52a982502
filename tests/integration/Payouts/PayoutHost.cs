using System.Numerics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Wallets;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Infrastructure;
using WalletFlow.Tests.Integration.UseCases;

namespace WalletFlow.Tests.Integration.Payouts;

/// <summary>
/// The real host in-process (Kestrel on loopback, its sandbox rail, the durable worker on the in-memory
/// backend) over a fresh database, with a requery budget short enough for tests.
/// </summary>
public sealed class PayoutHost(PostgresServer postgres) : IAsyncLifetime
{
    private readonly FreshDatabase _database = new(postgres);

    public WalletFlowServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public NpgsqlDataSource Db => _database.DataSource;

    /// <summary>The sandbox provider's callback key here (by default it is random per process), so a test can sign as the rail does.</summary>
    public const string WebhookSecret = "payout-host-webhook-secret-0123";

    public static string[] Args =>
    [
        "--urls", "http://127.0.0.1:0",
        "--Payouts:FirstRequeryDelay=00:00:00.200",
        "--Payouts:MaxRequeryDelay=00:00:00.400",
        "--Payouts:MaxRequeries=4",
        "--Payouts:RequeryBudget=00:00:30",
        // Long enough that only the ambiguous-forever script times out on a busy shared machine (at 0.5 s
        // an instant success sometimes timed out under load and went through a requery).
        "--Payments:Providers:sandbox:SubmitTimeout=00:00:02",
        "--Payments:Providers:sandbox:QueryTimeout=00:00:02",
        "--Payments:Sandbox:SlowResponseDelay=00:00:03",
        $"--Payments:Providers:sandbox:WebhookSecret={WebhookSecret}",
    ];

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        await StartAsync();
    }

    public async Task StartAsync(params string[] extra)
    {
        // walletflow runs as the service role, as on a server set up for least privilege.
        Server = await WalletFlowServer.StartAsync([.. Args, .. await _database.ServiceArgumentsAsync(), .. extra], CancellationToken.None);
        Http = await Server.AdminClientAsync();
    }

    public async Task StopAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    public T Get<T>() where T : notnull => Server.Services.GetRequiredService<T>();

    public DurableTaskClient Durable => Get<DurableTaskClient>();

    /// <summary>A wallet holding <paramref name="major"/> NGN, paid in from a bank.</summary>
    public async Task<Wallet> FundedWalletAsync(string major)
    {
        var opened = await Get<OpenWallet>().RunAsync(new OpenWalletRequest(UseCaseFixture.NewId("w"), "owner-1", "NGN"), CancellationToken.None);
        Assert.True(opened.IsSuccess, opened.ToString());
        var paid = await Get<PayIn>().RunAsync(new PayInRequest(UseCaseFixture.Key(), opened.Value.Wallet.WalletId, major, "NGN", "banks:gtb", UseCaseFixture.NewId("ext")), CancellationToken.None);
        Assert.True(paid.IsSuccess, paid.ToString());
        return opened.Value.Wallet;
    }

    public async Task<BigInteger> BalanceAsync(AccountAddress account, string asset = "NGN/2")
    {
        var balances = await Get<ILedger>().GetBalancesAsync(account, CancellationToken.None);
        return balances.FirstOrDefault(b => b.Asset == asset)?.Balance ?? BigInteger.Zero;
    }

    public async Task<IReadOnlyList<string>> OutboxEventsAsync(string aggregateId)
    {
        await using var command = Db.CreateCommand("SELECT event_type FROM walletflow.outbox WHERE aggregate_id = $1 ORDER BY outbox_id");
        command.Parameters.Add(new NpgsqlParameter { Value = aggregateId });
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<string>();
        while (await reader.ReadAsync())
            events.Add(reader.GetString(0));
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _database.DisposeAsync();
    }
}
