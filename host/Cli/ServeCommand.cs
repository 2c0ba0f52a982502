using System.CommandLine;

namespace WalletFlow.Host.Cli;

/// <summary><c>walletflow serve</c> (the default): HTTP API, console and background work.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run walletflow: the HTTP API and background work (the default command).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(RunAsync);
        return command;
    }

    public static Task<int> RunAsync(ParseResult parseResult, CancellationToken ct) =>
        CommandRunner.RunAsync(async shutdown =>
        {
            await using var server = await WalletFlowServer.StartAsync(WalletFlowCli.ConfigurationArguments(parseResult), shutdown);
            try
            {
                await server.WaitForShutdownAsync(shutdown);
            }
            catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
            {
                // Ctrl-C or SIGTERM: fall through to the orderly stop in DisposeAsync.
            }
            return CommandRunner.Ok;
        }, ct);
}
