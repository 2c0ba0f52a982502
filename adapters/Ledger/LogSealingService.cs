using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace WalletFlow.Adapters.Ledger;

/// <summary>Runs the <see cref="LogSealer"/> in the background, so the log is chained within moments of each write.</summary>
public sealed class LogSealingService(LogSealer sealer, ILogger<LogSealingService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sealer.SealAllAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                // The database may be restarting; unsealed entries wait for the next tick.
                logger.LogWarning(e, "Sealing the ledger log failed; retrying");
            }
        }
    }
}
