using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace WalletFlow.Chaos;

/// <summary>
/// One run of the real <c>walletflow</c> executable (the build beside the harness's assembly) as a
/// child process. <see cref="Kill"/> is SIGKILL: no shutdown hook, no lease released, no buffer
/// flushed. Output goes to a log file, one per run.
/// </summary>
public sealed class ChaosHost : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private bool _closed;

    private ChaosHost(Process process, StreamWriter log, string logPath, Uri baseAddress)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public string LogPath { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    public static string Executable => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "walletflow.exe" : "walletflow");

    /// <summary>Starts the child and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<ChaosHost> StartAsync(ChaosHostSettings settings, string logPath, CancellationToken ct)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: the host project's build copies it beside this assembly");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(logPath)!,
        };
        foreach (var arg in settings.Arguments)
            start.ArgumentList.Add(arg);
        start.Environment.Remove("ConnectionStrings__WalletFlow");
        start.Environment["ConnectionStrings__WalletFlow"] = settings.ConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Executable}");
        var host = new ChaosHost(process, new StreamWriter(logPath, append: true) { AutoFlush = true }, logPath, settings.BaseAddress);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync(ct);
        }
        catch
        {
            host.Kill();
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
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
                using var ready = await http.GetAsync(new Uri("health/ready", UriKind.Relative), ct);
                if (ready.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // a slow answer while it starts
            }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"walletflow was not ready within {ReadyTimeout.TotalSeconds:F0} s; see {LogPath}:\n{Tail()}");
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_gate)
        {
            if (!_closed)
                _log.WriteLine(line);
        }
    }

    public string Tail(int lines = 30)
    {
        lock (_gate)
        {
            if (!_closed)
                _log.Flush();
        }
        return string.Join('\n', File.ReadLines(LogPath).TakeLast(lines));
    }

    /// <summary>SIGTERM (the host's orderly stop); SIGKILL when it has not exited within 30 s.</summary>
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
                Kill();
            }
        }
        _process.WaitForExit();
        _process.Dispose();
        lock (_gate)
        {
            _closed = true;
            _log.Dispose();
        }
    }
}
