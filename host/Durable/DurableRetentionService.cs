using DurableTask.Core;
using Microsoft.Extensions.Options;

namespace WalletFlow.Host.Durable;

/// <summary>
/// Purges finished orchestrations (their history and status) <c>Durable:RetentionDays</c> after they
/// finished, every <c>Durable:PurgeInterval</c>. Live instances are never purged. Payouts keep their own
/// transitions in the payouts table, so a purged saga loses only its Durable Task history.
/// </summary>
public sealed partial class DurableRetentionService(
    IDurableBackend backend, IOptions<DurableOptions> options, TimeProvider time, ILogger<DurableRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.PurgeInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested)
                return;
            var threshold = time.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDays);
            try
            {
                await backend.Client.PurgeOrchestrationHistoryAsync(threshold, OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter);
            }
            catch (NotImplementedException)
            {
                // The in-memory store cannot purge; what it holds ends with the process anyway.
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPurgeFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging finished orchestrations failed; it runs again at the next interval")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
