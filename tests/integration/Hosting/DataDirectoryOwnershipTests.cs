using System.Net;
using System.Net.Http.Headers;
using WalletFlow.Core.Identity;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Hosting;

/// <summary>
/// One owner per data directory, with the real executable: <c>serve</c> holds the private cluster's
/// data directory for its lifetime; the operator's commands run beside it use its cluster and never
/// stop it; a second <c>serve</c> is refused naming the first; after a kill -9 the next process takes
/// the directory over; an initialisation cut short is redone.
/// </summary>
public sealed class DataDirectoryOwnershipTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("walletflow-owner-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public DataDirectoryOwnershipTests()
    {
        if (!OperatingSystem.IsWindows()) // as root the cluster runs as postgres, who must reach it
            File.SetUnixFileMode(_workingDirectory, (UnixFileMode)0b111_101_101);
    }

    private string DataDirectory => Path.Combine(_workingDirectory, ".walletflow", "pg");

    // Fast and quiet: no fsync, no start-up gate run.
    private static readonly Dictionary<string, string> Env = new()
    {
        ["Postgres__UnsafeNoFsync"] = "true",
        ["Gates__RunOnStartup"] = "false",
    };

    [Fact]
    public async Task Commands_beside_a_running_serve_use_its_cluster_and_a_second_serve_exits_2_naming_it()
    {
        var port = WalletFlowProcess.FreeLoopbackPort();
        await using var serve = WalletFlowProcess.Start(_workingDirectory, Env, "serve", "--urls", $"http://127.0.0.1:{port}");
        await serve.WaitForOutputAsync("walletflow listening on", TimeSpan.FromSeconds(120));
        Assert.Contains($"data directory {DataDirectory}", serve.Output, StringComparison.Ordinal);
        var postmaster = Assert.Single(PostmasterPids());

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var health = WatchReadinessAsync(http, watching.Token);

        var gates = await WalletFlowProcess.RunAsync(_workingDirectory, Env, "gates", "run");
        Assert.True(gates.ExitCode == 0, gates.Output);
        var added = await WalletFlowProcess.RunAsync(_workingDirectory, Env, "clients", "add", "ops-bot", "--scopes", "wallets:read");
        Assert.True(added.ExitCode == 0, added.Output);
        var verify = await WalletFlowProcess.RunAsync(_workingDirectory, Env, "ledger", "verify");
        Assert.True(verify.ExitCode == 0, verify.Output);
        foreach (var output in new[] { gates.Output, added.Output, verify.Output })
            Assert.Contains($"Using the private PostgreSQL cluster in {DataDirectory}, run by process {serve.Id} (", output, StringComparison.Ordinal);

        // The server still answers, on the same cluster, and knows the client the command added.
        var key = added.Output.Split('\n').Select(l => l.Trim()).Single(ApiKey.HasShape);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/wallets/no-such-wallet");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var answer = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal([postmaster], PostmasterPids());

        var second = await WalletFlowProcess.RunAsync(_workingDirectory, Env, "serve", "--urls", $"http://127.0.0.1:{WalletFlowProcess.FreeLoopbackPort()}");
        Assert.Equal(2, second.ExitCode);
        var refusal = Assert.Single(second.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("walletflow:", StringComparison.Ordinal));
        Assert.Contains($"the data directory {DataDirectory} is in use by process {serve.Id} (", refusal, StringComparison.Ordinal);

        await watching.CancelAsync();
        var (checks, failures) = await health;
        Assert.True(checks > 0 && failures.Count == 0, $"{failures.Count} of {checks} readiness checks failed: {string.Join("; ", failures.Take(3))}");
        Assert.Equal([postmaster], PostmasterPids());

        await serve.SignalAsync("TERM");
        Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Empty(WalletFlowProcess.PostgresProcessesFor(DataDirectory));
    }

    [Fact]
    public async Task After_serve_is_killed_a_command_takes_the_directory_over_and_stops_what_it_started()
    {
        var port = WalletFlowProcess.FreeLoopbackPort();
        await using (var serve = WalletFlowProcess.Start(_workingDirectory, Env, "serve", "--urls", $"http://127.0.0.1:{port}"))
        {
            await serve.WaitForOutputAsync("walletflow listening on", TimeSpan.FromSeconds(120));
            await serve.SignalAsync("KILL"); // the OS drops its lock; its PostgreSQL keeps running
            await serve.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
        Assert.NotEmpty(PostmasterPids());

        var verify = await WalletFlowProcess.RunAsync(_workingDirectory, Env, "ledger", "verify");

        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Contains($"Running the private PostgreSQL cluster in {DataDirectory}", verify.Output, StringComparison.Ordinal);
        Assert.Contains("left running by an earlier process", verify.Output, StringComparison.Ordinal);
        Assert.Empty(WalletFlowProcess.PostgresProcessesFor(DataDirectory));
    }

    [Fact]
    public async Task An_initialisation_cut_short_before_the_password_file_is_redone_and_a_foreign_cluster_is_not()
    {
        // What a crash between initdb and the password file leaves: a cluster directory, the marker.
        Directory.CreateDirectory(DataDirectory);
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "PG_VERSION"), "16\n", Ct);
        await File.WriteAllTextAsync(DataDirectory + ".initialising", "", Ct);

        var migrated = await WalletFlowProcess.RunAsync(_workingDirectory, Env, "migrate");

        Assert.True(migrated.ExitCode == 0, migrated.Output);
        Assert.Contains("did not finish; starting it again", migrated.Output, StringComparison.Ordinal);
        Assert.Contains("Schema current", migrated.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(DataDirectory + ".initialising"));
        Assert.Empty(WalletFlowProcess.PostgresProcessesFor(DataDirectory));

        // Without the marker, a cluster walletflow did not make is left alone.
        var foreign = Path.Combine(_workingDirectory, "foreign");
        Directory.CreateDirectory(foreign);
        await File.WriteAllTextAsync(Path.Combine(foreign, "PG_VERSION"), "16\n", Ct);
        var refused = await WalletFlowProcess.RunAsync(_workingDirectory, new Dictionary<string, string>(Env) { ["Postgres__DataDirectory"] = "foreign" }, "migrate");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("did not create", refused.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(foreign, "PG_VERSION")));
    }

    [Fact]
    public async Task Help_names_the_absolute_data_directory_the_settings_lead_to()
    {
        var help = await WalletFlowProcess.RunAsync(_workingDirectory, null, "--help");
        var moved = await WalletFlowProcess.RunAsync(_workingDirectory, null, "--help", "--Postgres:DataDirectory=elsewhere/pg");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains($"Database: the private PostgreSQL cluster in {DataDirectory} (Postgres:DataDirectory)", help.Output, StringComparison.Ordinal);
        Assert.Contains($"Database: the private PostgreSQL cluster in {Path.Combine(_workingDirectory, "elsewhere", "pg")}", moved.Output, StringComparison.Ordinal);
    }

    // The postmaster of this directory: the postgres process whose parent is not itself a postgres of it.
    private List<int> PostmasterPids()
    {
        var all = WalletFlowProcess.PostgresProcessesFor(DataDirectory);
        return all.Where(pid => !all.Contains(ParentOf(pid))).ToList();
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static async Task<(int Checks, List<string> Failures)> WatchReadinessAsync(HttpClient http, CancellationToken ct)
    {
        var checks = 0;
        var failures = new List<string>();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), ct);
                checks++;
                if (ready.StatusCode != HttpStatusCode.OK)
                    failures.Add($"{(int)ready.StatusCode}");
                await Task.Delay(100, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (HttpRequestException e)
            {
                checks++;
                failures.Add(e.Message);
            }
        }
        return (checks, failures);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A postgres stopping a moment late may still hold a file; the temp directory is left.
        }
    }
}
