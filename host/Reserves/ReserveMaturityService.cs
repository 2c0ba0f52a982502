using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Durable;
using WalletFlow.Core.Ports;

namespace WalletFlow.Host.Reserves;

/// <summary>
/// host/'s reserve maturity timer: every <c>Reserves:MaturityInterval</c> (the first tick one interval
/// after start-up; <c>00:00:00</c> is off) it starts the maturity run of the tick. The run does the work;
/// a start that fails (the durable store restarting) is logged and the next tick starts the next run,
/// which finds whatever this one would have released.
/// </summary>
public sealed partial class ReserveMaturityService(IReserveMaturityRuns runs, IOptions<ReservesOptions> options, TimeProvider time, ILogger<ReserveMaturityService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.MaturityInterval;
        if (interval == TimeSpan.Zero)
        {
            LogOff(logger);
            return;
        }
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                LogStarted(logger, await runs.StartAsync(time.GetUtcNow(), stoppingToken));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OutOfMemoryException)
            {
                LogStartFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reserves:MaturityInterval is 00:00:00: matured reserve tranches are released only by hand here")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reserve maturity run {InstanceId} started (or already running)")]
    private static partial void LogStarted(ILogger logger, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reserve maturity run could not be started; the next tick tries again")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);
}
