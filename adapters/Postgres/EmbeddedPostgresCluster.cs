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
/// <remarks>
/// One process runs a data directory's cluster at a time: it holds the directory's
/// <see cref="DataDirectoryLock"/> from before initdb until after the server stopped. Another process
/// either fails (<see cref="ClusterClaim.Exclusive"/>) or joins the running cluster and never stops it
/// (<see cref="ClusterClaim.JoinOrRun"/>). The superuser is for set-up and migrations; the service
/// connects as <see cref="ServiceRole.Name"/>, whose password the owner keeps beside the superuser's.
/// </remarks>
public sealed class EmbeddedPostgresCluster : IAsyncDisposable
{
    private const string SuperUser = "walletflow";
    private const string PasswordFile = "walletflow.password";
    private const string ServicePasswordFile = ServiceRole.Name + ".password";
    private const string ServerOsUser = "postgres";

    private readonly PostgresBinaries _binaries;
    private readonly ILogger _logger;
    private DataDirectoryLock? _lock;
    private bool _running;

    private EmbeddedPostgresCluster(PostgresBinaries binaries, string dataDirectory, int port, string database, string password, ILogger logger)
    {
        _binaries = binaries;
        _logger = logger;
        DataDirectory = dataDirectory;
        Port = port;
        Database = database;
        ConnectionString = LoopbackConnectionString(port, SuperUser, password, database);
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public string Database { get; }

    /// <summary>The superuser's connection: set-up and migrations only.</summary>
    public string ConnectionString { get; }

    /// <summary>The service role's connection (<see cref="ServiceRole.Name"/>): what walletflow runs as.</summary>
    public string ServiceConnectionString { get; private set; } = "";

    /// <summary>Null when this process runs the cluster; otherwise who does ("process 1234 (walletflow serve), …").</summary>
    public string? JoinedOwner { get; private set; }

    /// <summary>True when this process is root and must hand the server to the postgres OS user.</summary>
    public static bool RunsAsPostgresUser => Environment.IsPrivilegedProcess;

    /// <summary>The data directory a setting names, made absolute against the current directory.</summary>
    public static string DataDirectoryOf(PostgresOptions options) => Path.GetFullPath(options.DataDirectory, Environment.CurrentDirectory);

    public static async Task<EmbeddedPostgresCluster> StartAsync(PostgresOptions options, ILogger logger, CancellationToken ct,
        ClusterClaim claim = ClusterClaim.Exclusive)
    {
        var binaries = PostgresBinaries.Locate(options.BinDirectory);
        var dataDirectory = DataDirectoryOf(options);
        var held = DataDirectoryLock.TryTake(dataDirectory);
        if (held is null)
        {
            if (claim == ClusterClaim.Exclusive)
                throw new DataDirectoryInUseException(
                    $"the data directory {dataDirectory} is in use by {DataDirectoryLock.DescribeOwner(dataDirectory)}; "
                    + "stop that process first, or set Postgres:DataDirectory to another directory.");
            return await JoinAsync(binaries, dataDirectory, options, logger, ct);
        }
        try
        {
            return await RunAsync(binaries, dataDirectory, held, options, logger, ct);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    private static async Task<EmbeddedPostgresCluster> RunAsync(PostgresBinaries binaries, string dataDirectory, DataDirectoryLock held,
        PostgresOptions options, ILogger logger, CancellationToken ct)
    {
        logger.LogInformation("Running the private PostgreSQL cluster in {DataDirectory}", dataDirectory);
        var password = await InitialiseIfNewAsync(binaries, dataDirectory, options, logger, ct);
        await StopLeftoverServerAsync(binaries, dataDirectory, logger, ct);

        var port = options.Port != 0 ? options.Port : FreeLoopbackPort();
        var cluster = new EmbeddedPostgresCluster(binaries, dataDirectory, port, options.Database, password, logger) { _lock = held };
        await cluster.RunPgCtlOrThrowAsync("start",
            ["start", "-D", dataDirectory, "-w", "-t", options.StartTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
             "-l", Path.Combine(dataDirectory, "server.log"),
             "-o", FormattableString.Invariant($"-p {port} -c max_connections={options.ClusterMaxConnections}")], ct);
        cluster._running = true;
        try
        {
            await cluster.CreateDatabaseIfMissingAsync(ct);
            await cluster.EnsureServiceRoleAsync(ct);
        }
        catch
        {
            cluster._lock = null; // the caller releases it
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    // Another process holds the lock: wait until its server answers (it may still be initialising or
    // starting), then use it with the credentials the owner keeps in the data directory. If the owner
    // goes away meanwhile, the lock is free and this process runs the cluster itself.
    private static async Task<EmbeddedPostgresCluster> JoinAsync(PostgresBinaries binaries, string dataDirectory, PostgresOptions options,
        ILogger logger, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(options.StartTimeoutSeconds + 60); // initdb, then the start
        while (true)
        {
            if (DataDirectoryLock.TryTake(dataDirectory) is { } held)
            {
                try
                {
                    return await RunAsync(binaries, dataDirectory, held, options, logger, ct);
                }
                catch
                {
                    held.Dispose();
                    throw;
                }
            }
            var owner = DataDirectoryLock.DescribeOwner(dataDirectory);
            if (await TryJoinRunningAsync(binaries, dataDirectory, options, logger, ct) is { } joined)
            {
                joined.JoinedOwner = owner;
                logger.LogInformation("Using the private PostgreSQL cluster in {DataDirectory}, run by {Owner}", dataDirectory, owner);
                return joined;
            }
            if (DateTimeOffset.UtcNow > deadline)
                throw new InvalidOperationException(
                    $"the private PostgreSQL cluster in {dataDirectory} is run by {owner}, but it did not answer within {options.StartTimeoutSeconds + 60} s.");
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    private static async Task<EmbeddedPostgresCluster?> TryJoinRunningAsync(PostgresBinaries binaries, string dataDirectory, PostgresOptions options,
        ILogger logger, CancellationToken ct)
    {
        // postmaster.pid: pid, data directory, start time, port, … (PostgreSQL's own record of its port).
        var lines = await ReadIfPresentAsync(Path.Combine(dataDirectory, "postmaster.pid"), ct);
        var password = await ReadIfPresentAsync(Path.Combine(dataDirectory, PasswordFile), ct);
        var servicePassword = await ReadIfPresentAsync(Path.Combine(dataDirectory, ServicePasswordFile), ct);
        if (lines?.Split('\n') is not { Length: > 3 } pid || password is null || servicePassword is null
            || !int.TryParse(pid[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            return null;
        var cluster = new EmbeddedPostgresCluster(binaries, dataDirectory, port, options.Database, password.Trim(), logger)
        {
            ServiceConnectionString = LoopbackConnectionString(port, ServiceRole.Name, servicePassword.Trim(), options.Database),
        };
        try
        {
            await cluster.CreateDatabaseIfMissingAsync(ct);
            await using var service = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ServiceConnectionString) { Pooling = false }.ConnectionString);
            await service.OpenAsync(ct); // the owner has set the service role's password
            return cluster;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
        {
            return null; // still starting
        }
    }

    private static async Task<string?> ReadIfPresentAsync(string path, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(path, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
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
        finally
        {
            // Released only once the server has stopped: the next owner never finds it half-stopped.
            _lock?.Dispose();
            _lock = null;
        }
    }

    // A walletflow-made directory is marked by its password file, written last. A crash between
    // initdb and that file leaves the marker of an initialisation in progress beside the directory,
    // and the next run starts again from an empty directory; without that marker, a cluster with no
    // password file is someone else's and is left alone.
    private static async Task<string> InitialiseIfNewAsync(PostgresBinaries binaries, string dataDirectory, PostgresOptions options, ILogger logger, CancellationToken ct)
    {
        var passwordPath = Path.Combine(dataDirectory, PasswordFile);
        var initialising = dataDirectory + ".initialising";
        if (File.Exists(initialising) && !File.Exists(passwordPath) && Directory.Exists(dataDirectory))
        {
            logger.LogWarning("An earlier initialisation of {DataDirectory} did not finish; starting it again", dataDirectory);
            Directory.Delete(dataDirectory, recursive: true);
        }
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
        await File.WriteAllTextAsync(initialising, "initdb under way; removed when the password file is written\n", ct);
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
        await WriteSecretAsync(passwordPath, password, ct);
        File.Delete(initialising);
        return password;
    }

    private static async Task WriteSecretAsync(string path, string secret, CancellationToken ct)
    {
        await File.WriteAllTextAsync(path, secret, ct);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    // The login walletflow serves as. Its password is set on every start from the file (a new one when
    // the file is missing, as on a directory made before this role existed), so a crash between
    // setting it and writing the file heals on the next start. Its grants come from the migrations.
    private async Task EnsureServiceRoleAsync(CancellationToken ct)
    {
        var path = Path.Combine(DataDirectory, ServicePasswordFile);
        var password = File.Exists(path) ? (await File.ReadAllTextAsync(path, ct)).Trim() : Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        // Utility statements take no parameters; the password is hex digits only.
        await using var role = new NpgsqlCommand($"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{ServiceRole.Name}') THEN
                    CREATE ROLE {ServiceRole.Name} LOGIN PASSWORD '{password}';
                ELSE
                    ALTER ROLE {ServiceRole.Name} LOGIN PASSWORD '{password}';
                END IF;
            END $$
            """, connection);
        await role.ExecuteNonQueryAsync(ct);
        if (!File.Exists(path))
            await WriteSecretAsync(path, password, ct);
        ServiceConnectionString = LoopbackConnectionString(Port, ServiceRole.Name, password, Database);
    }

    private static string LoopbackConnectionString(int port, string user, string password, string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = port,
            Username = user,
            Password = password,
            Database = database,
        }.ConnectionString;

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
        try
        {
            await create.ExecuteNonQueryAsync(ct);
            _logger.LogInformation("Created database {Database}", Database);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // A process joining the cluster raced its owner (or another one) to it.
        }
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
