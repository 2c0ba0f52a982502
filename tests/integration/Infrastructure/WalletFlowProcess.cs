using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WalletFlow.Tests.Integration.Infrastructure;

/// <summary>The real <c>walletflow</c> executable, run as a separate process with its output captured.</summary>
public sealed class WalletFlowProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WalletFlowProcess(Process process) => _process = process;

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static WalletFlowProcess Start(string workingDirectory, IDictionary<string, string>? environment, params string[] args) =>
        Start(workingDirectory, environment, input: null, args);

    private static WalletFlowProcess Start(string workingDirectory, IDictionary<string, string>? environment, string? input, string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "walletflow"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // The test runner's own settings must not leak into the process under test.
        start.Environment.Remove("ConnectionStrings__WalletFlow");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        var running = new WalletFlowProcess(process);
        process.OutputDataReceived += (_, e) => running.Append(e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }
        return running;
    }

    /// <summary>Runs to completion with <paramref name="input"/> on standard input; returns the exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunWithInputAsync(string workingDirectory, IDictionary<string, string>? environment, string input, params string[] args)
    {
        await using var process = Start(workingDirectory, environment, input, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process._process.WaitForExitAsync(timeout.Token);
        process._process.WaitForExit();
        return (process.ExitCode, process.Output);
    }

    /// <summary>Runs to completion and returns the exit code.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        await using var process = Start(workingDirectory, environment, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process._process.WaitForExitAsync(timeout.Token);
        process._process.WaitForExit();
        return (process.ExitCode, process.Output);
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"walletflow exited ({_process.ExitCode}) before printing '{text}':\n{Output}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"walletflow did not print '{text}' within {timeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Sends a POSIX signal, as Ctrl-C (SIGINT) or a service manager (SIGTERM) would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>PIDs of running postgres processes whose command line names the data directory.</summary>
    public static IReadOnlyList<int> PostgresProcessesFor(string dataDirectory) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => (pid: int.TryParse(Path.GetFileName(d), out var p) ? p : -1, dir: d))
            .Where(x => x.pid > 0)
            .Where(x =>
            {
                try
                {
                    var cmdline = File.ReadAllText(Path.Combine(x.dir, "cmdline")).Replace('\0', ' ');
                    return cmdline.Contains("postgres", StringComparison.Ordinal) && cmdline.Contains(dataDirectory, StringComparison.Ordinal);
                }
                catch (IOException) { return false; }
                catch (UnauthorizedAccessException) { return false; }
            })
            .Select(x => x.pid)
            .ToList();

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await SignalAsync("TERM");
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }
}
