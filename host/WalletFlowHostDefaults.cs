using Microsoft.Extensions.Options;
using WalletFlow.Adapters;
using WalletFlow.Adapters.Postgres;
using WalletFlow.Host.Telemetry;

namespace WalletFlow.Host;

/// <summary>Start-up steps every walletflow command shares.</summary>
internal static class WalletFlowHostDefaults
{
    /// <summary>
    /// The services of a one-shot command (migrate, ledger verify, …): configuration from the
    /// arguments and environment, the shared registrations, and a prepared database.
    /// </summary>
    public static async Task<(ServiceProvider Services, WalletFlowDatabase Database)> StartCommandAsync(string[] args, CancellationToken ct)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        WalletFlowLogging.Configure(builder.Logging, builder.Configuration);
        builder.Services.AddWalletFlow(builder.Configuration);
        var services = builder.Services.BuildServiceProvider();
        try
        {
            return (services, await PrepareDatabaseAsync(services, ct));
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Validates every option (a wrong setting stops here, named by its key), starts or connects to
    /// the database and brings its schema up to date.
    /// </summary>
    public static async Task<WalletFlowDatabase> PrepareDatabaseAsync(IServiceProvider services, CancellationToken ct)
    {
        services.GetRequiredService<IStartupValidator>().Validate();
        var database = services.GetRequiredService<WalletFlowDatabase>();
        await database.StartAsync(ct);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        return database;
    }
}
