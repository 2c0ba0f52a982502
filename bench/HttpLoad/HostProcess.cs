using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WalletFlow.Bench.HttpLoad;

/// <summary>
/// The real walletflow executable (<c>walletflow serve</c>, the Release build the bench's project
/// reference copies beside it) as a child process, on a free loopback port, pointed at the bench's
/// cluster with <c>ConnectionStrings__WalletFlow</c>. Its output goes to a log file; disposing it
/// sends SIGTERM (the host's orderly stop) and kills it only if it has not exited within 30 s.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private readonly List<string> _failures = [];
    private int _warnings;
    private bool _closed;

    private HostProcess(Process process, StreamWriter log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    /// <summary>The admin API key the requests send.</summary>
    public string AdminKey { get; private set; } = "";

    public Uri BaseAddress { get; }
    public string LogPath => ((FileStream)_log.BaseStream).Name;

    /// <param name="connectionString">The host's database.</param>
    /// <param name="logPath">Where the host's output goes.</param>
    /// <param name="environment">More environment variables for the host (telemetry's).</param>
    /// <param name="ct">Cancels the wait for the host to be ready.</param>
    public static async Task<HostProcess> StartAsync(string connectionString, string logPath, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "walletflow.exe" : "walletflow");
        if (!File.Exists(executable))
            throw new InvalidOperationException($"{executable} is missing: build the bench (dotnet build bench -c Release), which builds the host beside it");
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(logPath)!,
        };
        var adminKeyPath = Path.Combine(Path.GetDirectoryName(logPath)!, "admin.key");
        // The bench measures the engine, not the per-client rate limit: it is off here.
        foreach (var arg in new[] { "serve", "--urls", baseAddress.ToString().TrimEnd('/'), "--Logging:LogLevel:Default=Warning",
                     $"--Identity:AdminKeyPath={adminKeyPath}", "--RateLimits:MovementsPerSecond=0" })
            start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__WalletFlow"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var host = new HostProcess(process, new StreamWriter(logPath) { AutoFlush = true }, baseAddress);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync(ct);
            // Written by the first start on this database (a kept cluster reuses the file).
            host.AdminKey = (await File.ReadAllTextAsync(adminKeyPath, ct)).Trim();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        HttpLoadCommand.Log($"host: {executable} serve at {baseAddress} (pid {process.Id}), log {logPath}");
        return host;
    }

    /// <summary>Warnings and errors the host logged so far, with the first errors.</summary>
    public string Describe()
    {
        lock (_logGate)
            return $"{_warnings} warnings, {_failures.Count} errors logged" + (_failures.Count > 0 ? "; first: " + string.Join(" | ", _failures.Take(3)) : "");
    }

    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"walletflow exited with {_process.ExitCode} before it was ready; see {LogPath}:\n{Tail()}");
            try
            {
                using var ready = await http.GetAsync("/health/ready", ct);
                if (ready.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // slow answer while it starts
            }
            await Task.Delay(250, ct);
        }
        throw new TimeoutException($"walletflow was not ready within {ReadyTimeout.TotalSeconds:F0} s; see {LogPath}:\n{Tail()}");
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_logGate)
        {
            if (_closed)
                return;
            _log.WriteLine(line);
            // The console logger writes "fail: Category[id]" with the message on the next lines.
            if (line.StartsWith("warn:", StringComparison.Ordinal))
                _warnings++;
            else if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
                _failures.Add(line);
            else if (_failures.Count > 0 && _failures[^1].EndsWith(']') && line.StartsWith("      ", StringComparison.Ordinal))
                _failures[^1] += " " + line.Trim();
        }
    }

    private string Tail()
    {
        lock (_logGate)
            _log.Flush();
        return string.Join('\n', File.ReadLines(LogPath).TakeLast(20));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        lock (_logGate)
        {
            _closed = true;
            _log.Dispose();
        }
    }
}
