using System.CommandLine;
using WalletFlow.Adapters;
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
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = WalletFlowCli.ConfigurationArguments(parseResult),
                ContentRootPath = AppContext.BaseDirectory,
            });
            WalletFlowHostDefaults.ConfigureLogging(builder.Logging);
            builder.Services.AddWalletFlow(builder.Configuration);
            await using var services = builder.Services.BuildServiceProvider();
            var database = await WalletFlowHostDefaults.PrepareDatabaseAsync(services, shutdown);
            await Console.Out.WriteLineAsync($"Schema current: {DatabaseMigrator.ScriptNames.Count} migrations, {database.Description}.");
            return CommandRunner.Ok;
        }, ct));
        return command;
    }
}
