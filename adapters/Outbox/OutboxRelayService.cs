using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WalletFlow.Adapters.Outbox;

/// <summary>Runs <see cref="OutboxRelay"/> in the background: drains the outbox, then polls.</summary>
public sealed partial class OutboxRelayService(OutboxRelay relay, IOptions<OutboxOptions> options, TimeProvider time, ILogger<OutboxRelayService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RelayEnabled)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var relayed = 0;
            try
            {
                relayed = await relay.RelayOnceAsync(settings.BatchSize, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRelayFailed(logger, e);
            }
            if (relayed < settings.BatchSize)
                await Task.Delay(TimeSpan.FromMilliseconds(settings.PollMilliseconds), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox relay failed; it tries again at the next poll")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);
}
