using System.Net;
using Npgsql;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Hosting;

/// <summary>
/// The README's run command end to end: walletflow with no connection string starts its own
/// cluster under the current directory, is ready, stops PostgreSQL on Ctrl-C, and finds its data
/// again on the next run.
/// </summary>
public sealed class PrivateClusterLifecycleTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("walletflow-run-").FullName;

    public PrivateClusterLifecycleTests()
    {
        if (!OperatingSystem.IsWindows()) // as root the cluster runs as postgres, who must reach it
            File.SetUnixFileMode(_workingDirectory, (UnixFileMode)0b111_101_101);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Run_is_ready_stops_postgres_on_a_signal_and_a_second_run_finds_the_earlier_data(string signal)
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDirectory = Path.Combine(_workingDirectory, ".walletflow", "pg");

        await using (var first = await StartAsync())
        {
            Assert.Contains("Initialising a private PostgreSQL cluster in " + dataDirectory, first.Process.Output, StringComparison.Ordinal);
            Assert.Contains($"data directory {dataDirectory}", first.Process.Output, StringComparison.Ordinal);
            Assert.Contains("database walletflow on 127.0.0.1:", first.Process.Output, StringComparison.Ordinal);
            Assert.NotEmpty(WalletFlowProcess.PostgresProcessesFor(dataDirectory));

            await using var connection = new NpgsqlConnection(ConnectionStringFrom(first.Process.Output, dataDirectory));
            await connection.OpenAsync(ct);
            await using var write = new NpgsqlCommand("CREATE TABLE survives_restart (note text); INSERT INTO survives_restart VALUES ('first run')", connection);
            await write.ExecuteNonQueryAsync(ct);
            await connection.CloseAsync();
            NpgsqlConnection.ClearAllPools();

            await first.Process.SignalAsync(signal);
            Assert.Equal(0, await first.Process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("Stopped the private PostgreSQL cluster", first.Process.Output, StringComparison.Ordinal);
            Assert.Empty(WalletFlowProcess.PostgresProcessesFor(dataDirectory));
            Assert.False(File.Exists(Path.Combine(dataDirectory, "postmaster.pid")), "postmaster.pid left behind");
        }

        await using (var second = await StartAsync())
        {
            Assert.DoesNotContain("Initialising", second.Process.Output, StringComparison.Ordinal);
            await using var connection = new NpgsqlConnection(ConnectionStringFrom(second.Process.Output, dataDirectory));
            await connection.OpenAsync(ct);
            await using var read = new NpgsqlCommand("SELECT note FROM survives_restart", connection);
            Assert.Equal("first run", await read.ExecuteScalarAsync(ct));
            await connection.CloseAsync();
            NpgsqlConnection.ClearAllPools();

            await second.Process.SignalAsync(signal);
            Assert.Equal(0, await second.Process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Empty(WalletFlowProcess.PostgresProcessesFor(dataDirectory));
        }
    }

    private async Task<Running> StartAsync()
    {
        var port = WalletFlowProcess.FreeLoopbackPort();
        var process = WalletFlowProcess.Start(_workingDirectory, null, "--urls", $"http://127.0.0.1:{port}");
        try
        {
            await process.WaitForOutputAsync("walletflow listening on", TimeSpan.FromSeconds(90));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            return new Running(process);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    // The port is in the start-up line; the password is in the cluster's own credentials file.
    internal static string ConnectionStringFrom(string output, string dataDirectory)
    {
        const string marker = "database walletflow on 127.0.0.1:";
        var start = output.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var port = int.Parse(output[start..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "walletflow",
            Password = File.ReadAllText(Path.Combine(dataDirectory, "walletflow.password")).Trim(),
            Database = "walletflow",
            Pooling = false,
        }.ConnectionString;
    }

    private sealed record Running(WalletFlowProcess Process) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);
}
