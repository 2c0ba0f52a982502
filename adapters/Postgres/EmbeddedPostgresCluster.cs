using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace WalletFlow.Adapters.Postgres;

/// <summary>
/// A private PostgreSQL cluster run from the machine's server binaries: initialised once in its data
/// directory, listening on loopback only (TCP, no Unix socket), password-protected, and stopped by
/// <see cref="DisposeAsync"/>. As root, initdb and pg_ctl run as the <c>postgres</c> OS user, because
/// PostgreSQL refuses to run as root. The host and the test fixture both use this one component.
/// </summary>
public sealed class EmbeddedPostgresCluster : IAsyncDisposable
{
    private const string SuperUser = "walletflow";
    private const string PasswordFile = "walletflow.password";
    private const string ServerOsUser = "postgres";

    private readonly PostgresBinaries _binaries;
    private readonly ILogger _logger;
    private bool _running;

    private EmbeddedPostgresCluster(PostgresBinaries binaries, string dataDirectory, int port, string database, string password, ILogger logger)
    {
        _binaries = binaries;
        _logger = logger;
        DataDirectory = dataDirectory;
        Port = port;
        Database = database;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = port,
            Username = SuperUser,
            Password = password,
            Database = database,
        }.ConnectionString;
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public string Database { get; }
    public string ConnectionString { get; }

    /// <summary>True when this process is root and must hand the server to the postgres OS user.</summary>
    public static bool RunsAsPostgresUser => Environment.IsPrivilegedProcess;

    public static async Task<EmbeddedPostgresCluster> StartAsync(PostgresOptions options, ILogger logger, CancellationToken ct)
    {
        var binaries = PostgresBinaries.Locate(options.BinDirectory);
        var dataDirectory = Path.GetFullPath(options.DataDirectory, Environment.CurrentDirectory);
        var password = await InitialiseIfNewAsync(binaries, dataDirectory, options, logger, ct);
        await StopLeftoverServerAsync(binaries, dataDirectory, logger, ct);

        var port = options.Port != 0 ? options.Port : FreeLoopbackPort();
        var cluster = new EmbeddedPostgresCluster(binaries, dataDirectory, port, options.Database, password, logger);
        await cluster.RunPgCtlOrThrowAsync("start",
            ["start", "-D", dataDirectory, "-w", "-t", options.StartTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
             "-l", Path.Combine(dataDirectory, "server.log"),
             "-o", FormattableString.Invariant($"-p {port} -c max_connections={options.ClusterMaxConnections}")], ct);
        cluster._running = true;
        try
        {
            await cluster.CreateDatabaseIfMissingAsync(ct);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_running)
            return;
        _running = false;
        var stop = await RunAsServerUserAsync(_binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], CancellationToken.None);
        if (stop.Succeeded)
            _logger.LogInformation("Stopped the private PostgreSQL cluster in {DataDirectory}", DataDirectory);
        else
            _logger.LogWarning("pg_ctl stop for {DataDirectory} failed: {Output}", DataDirectory, stop.Output);
    }

    private static async Task<string> InitialiseIfNewAsync(PostgresBinaries binaries, string dataDirectory, PostgresOptions options, ILogger logger, CancellationToken ct)
    {
        var passwordPath = Path.Combine(dataDirectory, PasswordFile);
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            if (!File.Exists(passwordPath))
                throw new InvalidOperationException(
                    $"{dataDirectory} holds a PostgreSQL cluster that walletflow did not create (no {PasswordFile}). "
                    + "Point Postgres:DataDirectory at an empty or walletflow-made directory.");
            return (await File.ReadAllTextAsync(passwordPath, ct)).Trim();
        }
        if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
            throw new InvalidOperationException(
                $"{dataDirectory} is not empty and is not a PostgreSQL data directory; set Postgres:DataDirectory to an empty or new directory.");

        logger.LogInformation("Initialising a private PostgreSQL cluster in {DataDirectory}", dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        // initdb reads the password from a file; it lives only as long as initdb runs, in a directory
        // only the server user can read.
        var secrets = Directory.CreateTempSubdirectory("walletflow-initdb-");
        try
        {
            var pwfile = Path.Combine(secrets.FullName, "pw");
            await File.WriteAllTextAsync(pwfile, password, ct);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(secrets.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await HandToServerUserAsync(dataDirectory, ct);
            await HandToServerUserAsync(secrets.FullName, ct);

            List<string> args = ["-D", dataDirectory, "-U", SuperUser, "--pwfile", pwfile, "--auth", "scram-sha-256", "-E", "UTF8", "--no-locale"];
            if (options.UnsafeNoFsync)
                args.Add("--no-sync");
            var init = await RunAsServerUserAsync(binaries.InitDb, args, ct);
            if (!init.Succeeded)
                throw new InvalidOperationException(
                    $"initdb failed for {dataDirectory} (exit {init.ExitCode}). "
                    + (RunsAsPostgresUser ? $"As root, the '{ServerOsUser}' OS user must be able to reach and write this directory; set Postgres:DataDirectory to one it can. " : "")
                    + $"initdb said: {init.Output}");
        }
        finally
        {
            secrets.Delete(recursive: true);
        }

        // Loopback TCP only: no Unix socket, so no shared /var/run/postgresql and no local peers.
        var settings = "\n# walletflow private cluster\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n"
            + (options.UnsafeNoFsync ? "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n" : "");
        await File.AppendAllTextAsync(Path.Combine(dataDirectory, "postgresql.conf"), settings, ct);
        await File.WriteAllTextAsync(passwordPath, password, ct);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(passwordPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return password;
    }

    // A process killed without a chance to stop its cluster leaves the server running; it is ours
    // (same data directory), so stop it before starting on a new port.
    private static async Task StopLeftoverServerAsync(PostgresBinaries binaries, string dataDirectory, ILogger logger, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
            return;
        var status = await RunAsServerUserAsync(binaries.PgCtl, ["status", "-D", dataDirectory], ct);
        if (status.ExitCode != 0)
            return; // stale pid file: pg_ctl start handles it
        logger.LogWarning("A PostgreSQL server left running by an earlier process owns {DataDirectory}; stopping it", dataDirectory);
        var stop = await RunAsServerUserAsync(binaries.PgCtl, ["stop", "-D", dataDirectory, "-m", "fast", "-w", "-t", "60"], ct);
        if (!stop.Succeeded)
            throw new InvalidOperationException($"A PostgreSQL server already runs on {dataDirectory} and could not be stopped: {stop.Output}");
    }

    private async Task RunPgCtlOrThrowAsync(string what, IReadOnlyList<string> args, CancellationToken ct)
    {
        var result = await RunAsServerUserAsync(_binaries.PgCtl, args, ct);
        if (!result.Succeeded)
        {
            var log = Path.Combine(DataDirectory, "server.log");
            var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(10)) : "";
            throw new InvalidOperationException($"pg_ctl {what} failed for {DataDirectory} on port {Port}: {result.Output}\n{tail}".TrimEnd());
        }
    }

    private async Task CreateDatabaseIfMissingAsync(CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(Database);
        if (await exists.ExecuteScalarAsync(ct) is not null)
            return;
        // The name is validated as a plain identifier by PostgresOptionsValidator; CREATE DATABASE
        // takes no parameters.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Database}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
        _logger.LogInformation("Created database {Database}", Database);
    }

    private static Task<OsProcess.Result> RunAsServerUserAsync(string program, IEnumerable<string> args, CancellationToken ct)
    {
        // setsid: the server gets its own session, so a Ctrl-C in walletflow's terminal reaches
        // walletflow, which stops the server in order, instead of reaching the server directly.
        IEnumerable<string> command = ["setsid", "--wait", program, .. args];
        return RunsAsPostgresUser
            ? OsProcess.RunAsync("runuser", ["-u", ServerOsUser, "--", .. command], ct)
            : OsProcess.RunAsync(command.First(), command.Skip(1), ct);
    }

    private static async Task HandToServerUserAsync(string path, CancellationToken ct)
    {
        if (!RunsAsPostgresUser)
            return;
        var chown = await OsProcess.RunAsync("chown", ["-R", $"{ServerOsUser}:{ServerOsUser}", path], ct);
        if (!chown.Succeeded)
            throw new InvalidOperationException($"Could not give {path} to the '{ServerOsUser}' OS user: {chown.Output}");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
