using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using WalletFlow.Adapters.Postgres;

namespace WalletFlow.Chaos;

/// <summary>
/// The harness's own PostgreSQL cluster (walletflow's private-cluster component in a temporary
/// directory), migrated once. The harness owns it so it may crash it: <see cref="CrashAsync"/> is
/// <c>pg_ctl stop -m immediate</c> (no checkpoint, as a power cut to the server would be) and
/// <see cref="RestartAsync"/> brings it back on the same port through crash recovery. fsync and
/// synchronous_commit stay on: a commit a client was told about must survive the crash.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    public const string Database = "walletflow";

    private readonly string _root;
    private readonly PostgresOptions _options;
    private EmbeddedPostgresCluster _cluster;

    private ChaosCluster(string root, PostgresOptions options, EmbeddedPostgresCluster cluster)
    {
        _root = root;
        _options = options;
        _cluster = cluster;
    }

    public string DataDirectory => _cluster.DataDirectory;

    /// <summary>Starts a fresh cluster allowing <paramref name="maxConnections"/> connections (at least), and migrates it.</summary>
    public static async Task<ChaosCluster> StartAsync(int maxConnections, CancellationToken ct)
    {
        var root = Directory.CreateTempSubdirectory("walletflow-chaos-").FullName;
        // As root the server runs as the postgres OS user, who must be able to reach the data directory.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var options = new PostgresOptions
        {
            DataDirectory = Path.Combine(root, "pg"),
            Database = Database,
            // max_connections is derived from the pool size (2 pools + headroom).
            MaxPoolSize = Math.Max(10, (maxConnections - PostgresOptions.ConnectionHeadroom + 1) / 2),
        };
        var cluster = await EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance, ct);
        options.Port = cluster.Port; // a restart keeps the port, so the children's connection strings stay valid
        var chaos = new ChaosCluster(root, options, cluster);
        await chaos.MigrateAsync(ct);
        return chaos;
    }

    public string ConnectionString(int maxPoolSize) =>
        new NpgsqlConnectionStringBuilder(_cluster.ConnectionString) { MaxPoolSize = maxPoolSize }.ConnectionString;

    /// <summary><c>pg_ctl stop -m immediate</c>: every server process quits at once, without a checkpoint.</summary>
    public async Task CrashAsync(CancellationToken ct)
    {
        var pgCtl = PostgresBinaries.Locate(_options.BinDirectory).PgCtl;
        string[] args = ["stop", "-D", _cluster.DataDirectory, "-m", "immediate", "-w", "-t", "60"];
        var start = EmbeddedPostgresCluster.RunsAsPostgresUser
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", pgCtl, .. args])
            : new ProcessStartInfo(pgCtl, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start pg_ctl");
        var output = await process.StandardOutput.ReadToEndAsync(ct) + await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pg_ctl stop -m immediate exited {process.ExitCode}: {output}");
    }

    /// <summary>Starts the crashed cluster again (same data directory and port); PostgreSQL replays its WAL.</summary>
    public async Task RestartAsync(CancellationToken ct)
    {
        // The crashed instance's object only knows it was running: disposing it (its pg_ctl stop finds no
        // server) releases its hold on the data directory, and the new one owns the restarted server.
        await _cluster.DisposeAsync();
        _cluster = await EmbeddedPostgresCluster.StartAsync(_options, NullLogger.Instance, ct);
        NpgsqlConnection.ClearAllPools();
    }

    private async Task MigrateAsync(CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [PostgresOptions.ConnectionStringKey] = ConnectionString(5) })
            .Build();
        await using var database = new WalletFlowDatabase(configuration, Options.Create(new PostgresOptions()), NullLogger<WalletFlowDatabase>.Instance);
        await database.StartAsync(ct);
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _cluster.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a server process still closing a file; the temporary directory is left behind
        }
        catch (UnauthorizedAccessException)
        {
            // as above
        }
    }
}
