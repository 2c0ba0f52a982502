using System.CommandLine;
using WalletFlow.Adapters.Postgres;

namespace WalletFlow.Host.Cli;

/// <summary><c>walletflow migrate</c>: bring the database schema up to date and exit.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending database migrations and exit.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(async shutdown =>
        {
            var (services, database) = await WalletFlowHostDefaults.StartCommandAsync(WalletFlowCli.ConfigurationArguments(parseResult), shutdown);
            await using var _ = services;
            await Console.Out.WriteLineAsync($"Schema current: {DatabaseMigrator.ScriptNames.Count} migrations, {database.Description}.");
            return CommandRunner.Ok;
        }, ct));
        return command;
    }
}
