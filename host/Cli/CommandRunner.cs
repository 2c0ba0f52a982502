using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Postgres;

namespace WalletFlow.Host.Cli;

/// <summary>
/// Runs a command body with SIGINT/SIGTERM turned into cancellation and failures turned into one
/// clear line on stderr and an exit code: 2 for configuration and usage, 1 for anything else.
/// </summary>
internal static class CommandRunner
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadConfiguration = 2;

    public static async Task<int> RunAsync(Func<CancellationToken, Task<int>> body, CancellationToken outer)
    {
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(outer);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true; // walletflow stops itself, in order
            shutdown.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            return await body(shutdown.Token);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            return Ok;
        }
        catch (Exception e) when (e is PostgresBinariesNotFoundException or OptionsValidationException or CliUsageException or DataDirectoryInUseException)
        {
            await Console.Error.WriteLineAsync($"walletflow: {OneLine(e)}");
            return BadConfiguration;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
        {
            // The configuration binder: "Failed to convert configuration value 'x' at 'Postgres:Port'…"
            await Console.Error.WriteLineAsync($"walletflow: {e.Message}");
            return BadConfiguration;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"walletflow: {e.Message}");
            return Failed;
        }
    }

    private static string OneLine(Exception e) =>
        e is OptionsValidationException v ? string.Join(" ", v.Failures) : e.Message;
}
