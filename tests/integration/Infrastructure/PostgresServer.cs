using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Testcontainers.PostgreSql;
using WalletFlow.Adapters.Postgres;

[assembly: AssemblyFixture(typeof(WalletFlow.Tests.Integration.Infrastructure.PostgresServer))]

namespace WalletFlow.Tests.Integration.Infrastructure;

/// <summary>
/// The one PostgreSQL server of a test run, chosen in this order: <c>WALLETFLOW_TEST_PG</c> (a
/// connection string) → a Testcontainers container when a Docker engine answers → the host's own
/// private-cluster component in a temporary data directory, removed afterwards.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ConnectionStringVariable = "WALLETFLOW_TEST_PG";

    private PostgreSqlContainer? _container;
    private EmbeddedPostgresCluster? _cluster;
    private string? _dataRoot;

    /// <summary>Connection string to the server's maintenance database.</summary>
    public string AdminConnectionString { get; private set; } = "";

    /// <summary>Which of the three sources this run uses, for the test log.</summary>
    public string Source { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            AdminConnectionString = configured;
            Source = ConnectionStringVariable;
            return;
        }
        if (DockerMayAnswer())
        {
            try
            {
                _container = new PostgreSqlBuilder("postgres:16-alpine").Build();
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                await _container.StartAsync(timeout.Token);
                AdminConnectionString = _container.GetConnectionString();
                Source = "Testcontainers";
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A Docker client without a working engine: fall through to the local binaries.
                await DisposeContainerAsync();
            }
        }

        _dataRoot = Directory.CreateTempSubdirectory("walletflow-tests-").FullName;
        // As root the cluster runs as the postgres OS user, who must be able to reach the data directory.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_dataRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        _cluster = await EmbeddedPostgresCluster.StartAsync(
            new PostgresOptions { DataDirectory = Path.Combine(_dataRoot, "pg"), Database = "walletflow_tests", UnsafeNoFsync = true },
            NullLogger.Instance, CancellationToken.None);
        AdminConnectionString = new NpgsqlConnectionStringBuilder(_cluster.ConnectionString) { Database = "postgres" }.ConnectionString;
        Source = $"private cluster in {_cluster.DataDirectory}";
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await DisposeContainerAsync();
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        if (_dataRoot is not null)
            Directory.Delete(_dataRoot, recursive: true);
    }

    private async Task DisposeContainerAsync()
    {
        if (_container is not null)
            await _container.DisposeAsync();
        _container = null;
    }

    private static bool DockerMayAnswer()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")))
            return true;
        const string socket = "/var/run/docker.sock";
        if (!File.Exists(socket))
            return false;
        try
        {
            using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            probe.Connect(new UnixDomainSocketEndPoint(socket));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
