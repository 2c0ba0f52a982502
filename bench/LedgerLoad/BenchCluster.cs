using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using WalletFlow.Adapters.Postgres;

namespace WalletFlow.Bench.LedgerLoad;

/// <summary>
/// One private PostgreSQL 15 cluster (walletflow's own component, PG defaults: fsync and
/// synchronous_commit on) holding three databases: walletflow (migrated), pgbench and pgledger.
/// pgbench and psql connect to it over loopback TCP with the cluster's password.
/// </summary>
internal sealed partial class BenchCluster : IAsyncDisposable
{
    public const string WalletFlowDb = "walletflow";
    public const string PgbenchDb = "pgbench";
    public const string PgledgerDb = "pgledger";

    private readonly EmbeddedPostgresCluster _cluster;
    private readonly string _root;
    private readonly bool _keep;

    private BenchCluster(EmbeddedPostgresCluster cluster, string root, bool keep)
    {
        _cluster = cluster;
        _root = root;
        _keep = keep;
        var builder = new NpgsqlConnectionStringBuilder(cluster.ConnectionString);
        Host = builder.Host!;
        Port = builder.Port;
        User = builder.Username!;
        Password = builder.Password!;
    }

    public string Host { get; }
    public int Port { get; }
    public string User { get; }
    public string Password { get; }
    public string DataDirectory => _cluster.DataDirectory;
    public static string BinDirectory => "/usr/lib/postgresql/15/bin";

    public string ConnectionString(string database, int maxPool = 100) =>
        new NpgsqlConnectionStringBuilder(_cluster.ConnectionString) { Database = database, MaxPoolSize = maxPool }.ConnectionString;

    public static async Task<BenchCluster> StartAsync(bool keep, CancellationToken ct)
    {
        var root = Directory.CreateTempSubdirectory("walletflow-bench-").FullName;
        // As root the server runs as the postgres OS user, who must be able to reach the data directory.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var cluster = await EmbeddedPostgresCluster.StartAsync(
            new PostgresOptions { DataDirectory = Path.Combine(root, "pg"), Database = WalletFlowDb, BinDirectory = BinDirectory },
            NullLogger.Instance, ct);
        var bench = new BenchCluster(cluster, root, keep);
        await using (var admin = new NpgsqlConnection(bench.ConnectionString("postgres")))
        {
            await admin.OpenAsync(ct);
            foreach (var db in new[] { PgbenchDb, PgledgerDb })
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {db}", admin);
                await create.ExecuteNonQueryAsync(ct);
            }
        }
        await bench.MigrateWalletFlowAsync(WalletFlowDb, ct);
        return bench;
    }

    private async Task MigrateWalletFlowAsync(string db, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [PostgresOptions.ConnectionStringKey] = ConnectionString(db) })
            .Build();
        await using var database = new WalletFlowDatabase(configuration, Options.Create(new PostgresOptions()), NullLogger<WalletFlowDatabase>.Instance);
        await database.StartAsync(ct);
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(ct);
    }

    /// <summary>Runs a PostgreSQL client program against this cluster; throws with its output on failure.</summary>
    public async Task<string> RunClientAsync(string program, IEnumerable<string> args, CancellationToken ct, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Path.Combine(BinDirectory, program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["PGHOST"] = Host;
        start.Environment["PGPORT"] = Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = User;
        start.Environment["PGPASSWORD"] = Password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = new StringBuilder().Append(await stdout).Append(await stderr).ToString();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}:\n{output}");
        return output;
    }

    /// <summary>The figures pgbench prints at the end of a run.</summary>
    public sealed record PgbenchRun(double Tps, long Processed, long Failed, double LatencyMs, string Output);

    public async Task<PgbenchRun> PgbenchAsync(IEnumerable<string> args, CancellationToken ct, string? workingDirectory = null)
    {
        var output = await RunClientAsync("pgbench", args, ct, workingDirectory);
        double Number(Regex regex) => regex.Match(output) is { Success: true } m
            ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"cannot read pgbench output:\n{output}");
        var failed = FailedRegex().Match(output) is { Success: true } f ? long.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new PgbenchRun(Number(TpsRegex()), (long)Number(ProcessedRegex()), failed, Number(LatencyRegex()), output);
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsRegex();

    [GeneratedRegex(@"number of transactions actually processed: (\d+)")]
    private static partial Regex ProcessedRegex();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex FailedRegex();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex LatencyRegex();

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _cluster.DisposeAsync();
        if (!_keep)
            Directory.Delete(_root, recursive: true);
    }
}
