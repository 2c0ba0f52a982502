using System.CommandLine;
using WalletFlow.Adapters.Postgres;

namespace WalletFlow.Host.Cli;

/// <summary>
/// The <c>walletflow</c> executable. With no sub-command it serves. Arguments the CLI does not know
/// (<c>--urls</c>, <c>--Postgres:Port=5433</c>) go to ASP.NET Core configuration, as in any ASP.NET
/// Core app. Each command group lives in its own file and is added here with one line.
/// </summary>
public static class WalletFlowCli
{
    public static RootCommand Create(string[]? args = null)
    {
        var root = new RootCommand("walletflow: a wallet and ledger service that cannot lose money.\n" + DatabaseInUse(args ?? []))
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
        Create(args).Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

    // For --help: the database these settings (environment, arguments, appsettings.json) lead to, with
    // the private cluster's data directory made absolute, since a relative one depends on where
    // walletflow is started.
    private static string DatabaseInUse(string[] args)
    {
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
                .AddEnvironmentVariables()
                .AddCommandLine(args.Where(a => a.Contains('=', StringComparison.Ordinal)).ToArray())
                .Build();
            if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(PostgresOptions.ConnectionStringName)))
                return $"Database: the server in {PostgresOptions.ConnectionStringKey}.";
            var options = new PostgresOptions();
            configuration.GetSection(PostgresOptions.Section).Bind(options);
            return $"Database: the private PostgreSQL cluster in {EmbeddedPostgresCluster.DataDirectoryOf(options)} ({PostgresOptions.Section}:{nameof(PostgresOptions.DataDirectory)}).";
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException or InvalidOperationException or ArgumentException)
        {
            return "Database: the settings could not be read; a command says why.";
        }
    }

    /// <summary>The configuration arguments for ASP.NET Core, or an error for a token that is neither.</summary>
    internal static string[] ConfigurationArguments(ParseResult parseResult)
    {
        var tokens = parseResult.UnmatchedTokens;
        if (tokens.Count > 0 && !tokens[0].StartsWith('-'))
            throw new CliUsageException($"Unknown command or argument '{tokens[0]}'. Run 'walletflow --help' for the commands.");
        return [.. tokens];
    }
}
