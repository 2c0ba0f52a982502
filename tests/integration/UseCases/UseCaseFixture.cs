using System.Numerics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Adapters;
using WalletFlow.Adapters.Postgres;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Wallets;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.UseCases;

/// <summary>
/// walletflow's services as the host wires them (AddWalletFlow) over a fresh migrated database and
/// the embedded ledger: use cases run for real, and tests read back the ledger and every table.
/// </summary>
public sealed class UseCaseFixture(PostgresServer server) : IAsyncLifetime
{
    private readonly FreshDatabase _database = new(server);
    private readonly Dictionary<string, string?> _settings = [];
    private ServiceProvider _services = null!;

    /// <summary>A fixture with more configuration (<c>Movements:ConcurrentGroups</c> = 1, say); a test creates and disposes it itself.</summary>
    internal UseCaseFixture(PostgresServer server, IReadOnlyDictionary<string, string?> settings) : this(server)
    {
        foreach (var (key, value) in settings)
            _settings[key] = value;
    }

    public NpgsqlDataSource Db => _database.DataSource;

    public IServiceProvider Services => _services;

    public ILedger Ledger => _services.GetRequiredService<ILedger>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        await _database.MigrateAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PostgresOptions.ConnectionStringKey] = _database.ConnectionString,
            ["Ledger:Name"] = "walletflow",
        }.Where(d => !_settings.ContainsKey(d.Key)).Concat(_settings)).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddWalletFlow(configuration);
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<WalletFlowDatabase>().StartAsync(CancellationToken.None);
    }

    /// <summary>Opens an active wallet.</summary>
    public async Task<Wallet> OpenWalletAsync(string currency = "NGN", string? owner = null, string? walletId = null)
    {
        var opened = await Get<OpenWallet>().RunAsync(new OpenWalletRequest(walletId ?? NewId("w"), owner ?? NewId("owner"), currency), CancellationToken.None);
        Assert.True(opened.IsSuccess, opened.ToString());
        return opened.Value.Wallet;
    }

    public static string NewId(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static IdempotencyKey Key(string? value = null) => IdempotencyKey.Create(value ?? NewId("key")).Value;

    /// <summary>One account's balance of one asset (0 when it never moved).</summary>
    public async Task<BigInteger> BalanceAsync(AccountAddress account, string asset = "NGN/2")
    {
        var balances = await Ledger.GetBalancesAsync(account, CancellationToken.None);
        return balances.FirstOrDefault(b => b.Asset == asset)?.Balance ?? BigInteger.Zero;
    }

    /// <summary>Every asset's balances over the whole ledger, summed: zero when the books foot.</summary>
    public async Task<IReadOnlyDictionary<string, BigInteger>> AssetSumsAsync()
    {
        var sums = new Dictionary<string, BigInteger>();
        await foreach (var balance in Ledger.ListBalancesAsync("", CancellationToken.None))
            sums[balance.Asset] = sums.GetValueOrDefault(balance.Asset) + balance.Balance;
        return sums;
    }

    /// <summary>Rows of a query as dictionaries (column → value), for asserting tables.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> RowsAsync(string sql, params object[] parameters)
    {
        await using var command = Db.CreateCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public async Task<long> CountAsync(string table, string where = "true", params object[] parameters)
    {
        await using var command = Db.CreateCommand($"SELECT count(*) FROM {table} WHERE {where}");
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
