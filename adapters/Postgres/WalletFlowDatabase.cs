using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace WalletFlow.Adapters.Postgres;

/// <summary>
/// The one place that decides which PostgreSQL walletflow talks to: the configured server
/// (<c>ConnectionStrings:WalletFlow</c>), or a private cluster started from local binaries.
/// Started once before anything touches the database; disposing it stops a private cluster this
/// process runs (never one it joined).
/// </summary>
/// <remarks>
/// Two logins: the service's (<see cref="ConnectionString"/>, everything walletflow does) and the
/// schema owner's (<see cref="OwnerConnectionString"/>, migrations only). The private cluster has
/// both; a configured server has <c>ConnectionStrings:WalletFlow</c> and, when the service login is
/// not the owner, <c>ConnectionStrings:WalletFlowOwner</c> for the migrations.
/// </remarks>
public sealed class WalletFlowDatabase(IConfiguration configuration, IOptions<PostgresOptions> options, ILogger<WalletFlowDatabase> logger) : IAsyncDisposable
{
    private EmbeddedPostgresCluster? _cluster;
    private string? _connectionString;
    private string? _ownerConnectionString;

    /// <summary>The service's connection string, once <see cref="StartAsync"/> has run.</summary>
    public string ConnectionString => _connectionString
        ?? throw new InvalidOperationException("The database has not been started: call WalletFlowDatabase.StartAsync first.");

    /// <summary>The schema owner's connection string (migrations), once <see cref="StartAsync"/> has run.</summary>
    public string OwnerConnectionString => _ownerConnectionString
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
                ? $"database {cs.Database} on {cs.Host}:{cs.Port} as {cs.Username} (private cluster{(c.JoinedOwner is { } owner ? $" run by {owner}" : "")}, data directory {c.DataDirectory})"
                : $"database {cs.Database} on {cs.Host}:{cs.Port} (configured by {PostgresOptions.ConnectionStringKey})";
        }
    }

    /// <param name="ct">Cancels start-up.</param>
    /// <param name="claim">How a private cluster is claimed: <c>serve</c> runs it or fails; a one-shot command joins a running one.</param>
    public async Task StartAsync(CancellationToken ct, ClusterClaim claim = ClusterClaim.Exclusive)
    {
        if (_connectionString is not null)
            return;
        var configured = configuration.GetConnectionString(PostgresOptions.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var owner = configuration.GetConnectionString(PostgresOptions.OwnerConnectionStringName);
            _connectionString = Validated(configured, PostgresOptions.ConnectionStringKey);
            _ownerConnectionString = string.IsNullOrWhiteSpace(owner) ? _connectionString : Validated(owner, PostgresOptions.OwnerConnectionStringKey);
            return;
        }
        _cluster = await EmbeddedPostgresCluster.StartAsync(options.Value, logger, ct, claim);
        _connectionString = _cluster.ServiceConnectionString;
        _ownerConnectionString = _cluster.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is { } cluster)
        {
            _cluster = null;
            await cluster.DisposeAsync();
        }
    }

    private static string Validated(string connectionString, string key)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new OptionsValidationException(key, typeof(string),
                [$"{key} is not a valid PostgreSQL connection string: {e.Message}"]);
        }
    }
}
