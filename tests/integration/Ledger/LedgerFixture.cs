using System.Numerics;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Ledger;

/// <summary>A migrated database with an embedded ledger over it; each test makes its own ledger.</summary>
public sealed class LedgerFixture(PostgresServer server) : IAsyncLifetime
{
    private readonly FreshDatabase _database = new(server);

    public EmbeddedLedger Ledger { get; private set; } = null!;
    public FreshDatabase Database => _database;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        await _database.MigrateAsync();
        Ledger = new EmbeddedLedger(_database.DataSource, TimeProvider.System);
    }

    public async Task<string> NewLedgerAsync()
    {
        var name = "l" + Guid.NewGuid().ToString("N")[..12];
        var created = await Ledger.CreateLedgerAsync(name, null, CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return name;
    }

    /// <summary>Funds <paramref name="account"/> from a bank account (debit-normal, may go negative).</summary>
    public async Task FundAsync(string ledger, string account, BigInteger amount, string asset = "NGN/2")
    {
        var funded = await Ledger.CreateTransactionAsync(ledger,
            new CreateTransaction([new Posting("banks:gtb:ngn", account, amount, asset)], Force: true), null, CancellationToken.None);
        Assert.True(funded.Succeeded, funded.Error?.Message);
    }

    /// <summary>An account's balance over all assets, read from the volumes the ledger keeps.</summary>
    public async Task<BigInteger> BalanceAsync(string ledger, string address)
    {
        await using var command = _database.DataSource.CreateCommand(
            "SELECT coalesce(sum(input - output), 0) FROM ledger.volumes WHERE ledger = $1 AND address = $2");
        command.Parameters.AddWithValue(ledger);
        command.Parameters.AddWithValue(address);
        return (BigInteger)(decimal)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>The sum of every balance of a ledger: zero when its books foot.</summary>
    public async Task<BigInteger> SumOfBalancesAsync(string ledger)
    {
        await using var command = _database.DataSource.CreateCommand(
            "SELECT coalesce(sum(input - output), 0) FROM ledger.volumes WHERE ledger = $1");
        command.Parameters.AddWithValue(ledger);
        return (BigInteger)(decimal)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
