using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Durable;
using WalletFlow.Core.Payouts;

namespace WalletFlow.Host.Payouts;

/// <summary>Runs the saga sweeper at start-up and every <c>Payouts:SweepInterval</c>.</summary>
public sealed partial class PayoutSweeperService(RedriveStalledPayouts sweeper, IOptions<PayoutsOptions> options, TimeProvider time, ILogger<PayoutSweeperService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var redriven = await sweeper.RunAsync(stoppingToken);
                if (redriven.Count > 0)
                    LogRedriven(logger, redriven.Count, string.Join(", ", redriven.Take(20)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
            await Task.Delay(options.Value.SweepInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Saga sweeper re-drove {Count} payouts: {PayoutIds}")]
    private static partial void LogRedriven(ILogger logger, int count, string payoutIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The saga sweeper failed; it runs again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
