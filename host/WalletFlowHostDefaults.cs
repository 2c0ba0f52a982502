using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Postgres;

namespace WalletFlow.Host;

/// <summary>Start-up steps every walletflow command shares.</summary>
internal static class WalletFlowHostDefaults
{
    public static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
            o.UseUtcTimestamp = true;
        });
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
