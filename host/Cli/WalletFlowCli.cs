using System.CommandLine;

namespace WalletFlow.Host.Cli;

/// <summary>
/// The <c>walletflow</c> executable. With no sub-command it serves. Arguments the CLI does not know
/// (<c>--urls</c>, <c>--Postgres:Port=5433</c>) go to ASP.NET Core configuration, as in any ASP.NET
/// Core app. Each command group lives in its own file and is added here with one line.
/// </summary>
public static class WalletFlowCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("walletflow: a wallet and ledger service that cannot lose money.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(CoaCommand.Create());
        root.Subcommands.Add(NumscriptCommand.Create());
        root.Subcommands.Add(LedgerCommand.Create());
        root.Subcommands.Add(GatesCommand.Create());
        root.Subcommands.Add(ClientsCommand.Create());
        root.Subcommands.Add(OperatorsCommand.Create());
        root.Subcommands.Add(ReservesCommand.Create());
        root.SetAction(ServeCommand.RunAsync);
        return root;
    }

    public static Task<int> InvokeAsync(string[] args) =>
        // walletflow handles SIGINT/SIGTERM itself (ShutdownSignal) so a private cluster is always
        // stopped in order; System.CommandLine's own handler would race it.
        Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

    /// <summary>The configuration arguments for ASP.NET Core, or an error for a token that is neither.</summary>
    internal static string[] ConfigurationArguments(ParseResult parseResult)
    {
        var tokens = parseResult.UnmatchedTokens;
        if (tokens.Count > 0 && !tokens[0].StartsWith('-'))
            throw new CliUsageException($"Unknown command or argument '{tokens[0]}'. Run 'walletflow --help' for the commands.");
        return [.. tokens];
    }
}
