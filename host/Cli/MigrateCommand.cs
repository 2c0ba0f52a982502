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
            // On a server of one's own, the service's login needs these rights (README, "Least privilege").
            await Console.Out.WriteLineAsync(
                $"The service's rights, applied as the role {ServiceRole.Name}; give them to the login in {PostgresOptions.ConnectionStringKey} "
                + $"with GRANT {ServiceRole.Name} TO <login>; (and run migrate as the owner, {PostgresOptions.OwnerConnectionStringKey}):");
            await Console.Out.WriteLineAsync(ServiceRole.GrantsScript.TrimEnd());
            return CommandRunner.Ok;
        }, ct));
        return command;
    }
}
