using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace WalletFlow.Adapters.Postgres;

/// <summary>
/// The one place that decides which PostgreSQL walletflow talks to: the configured server
/// (<c>ConnectionStrings:WalletFlow</c>), or a private cluster started from local binaries.
/// Started once before anything touches the database; disposing it stops a private cluster.
/// </summary>
public sealed class WalletFlowDatabase(IConfiguration configuration, IOptions<PostgresOptions> options, ILogger<WalletFlowDatabase> logger) : IAsyncDisposable
{
    private EmbeddedPostgresCluster? _cluster;
    private string? _connectionString;

    /// <summary>The connection string, once <see cref="StartAsync"/> has run.</summary>
    public string ConnectionString => _connectionString
        ?? throw new InvalidOperationException("The database has not been started: call WalletFlowDatabase.StartAsync first.");

    /// <summary>The private cluster when walletflow runs one; null with a configured server.</summary>
    public EmbeddedPostgresCluster? Cluster => _cluster;

    /// <summary>One line for the start-up log: which database, where, and the data directory.</summary>
    public string Description
    {
        get
        {
            var cs = new NpgsqlConnectionStringBuilder(ConnectionString);
            return _cluster is { } c
                ? $"database {cs.Database} on {cs.Host}:{cs.Port} (private cluster, data directory {c.DataDirectory})"
                : $"database {cs.Database} on {cs.Host}:{cs.Port} (configured by {PostgresOptions.ConnectionStringKey})";
        }
    }

    public async Task StartAsync(CancellationToken ct)
    {
        if (_connectionString is not null)
            return;
        var configured = configuration.GetConnectionString(PostgresOptions.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _connectionString = Validated(configured);
            return;
        }
        _cluster = await EmbeddedPostgresCluster.StartAsync(options.Value, logger, ct);
        _connectionString = _cluster.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is { } cluster)
        {
            _cluster = null;
            await cluster.DisposeAsync();
        }
    }

    private static string Validated(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new OptionsValidationException(PostgresOptions.ConnectionStringKey, typeof(string),
                [$"{PostgresOptions.ConnectionStringKey} is not a valid PostgreSQL connection string: {e.Message}"]);
        }
    }
}
