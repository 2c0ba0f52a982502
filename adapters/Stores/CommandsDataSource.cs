using Npgsql;
using WalletFlow.Adapters.Telemetry;

namespace WalletFlow.Adapters.Stores;

/// <summary>
/// The connection pool command transactions use, separate from the ledger's. A command holds its
/// transaction open while it posts to the ledger; from one shared pool, enough concurrent commands
/// would hold every connection and each wait for one more for its ledger write, until they all time
/// out. With two pools, taken in one order (command, then ledger), ledger writes always progress.
/// </summary>
public sealed class CommandsDataSource(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>The pool's name in pg_stat_activity and in the connection metrics (<c>db.client.connection.pool.name</c>).</summary>
    public const string Name = "walletflow-commands";

    /// <summary>A pool on <paramref name="connectionString"/>, named in pg_stat_activity and in the connection metrics.</summary>
    public static CommandsDataSource Create(string connectionString) =>
        new(NamedDataSource.Build(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = Name }.ConnectionString, Name));

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
