using Microsoft.Extensions.Logging;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Outbox;

/// <summary>The local publisher: one structured log line per event (category WalletFlow.Events).</summary>
public sealed partial class LogEventPublisher(ILoggerFactory loggers) : IEventPublisher
{
    private readonly ILogger _logger = loggers.CreateLogger("WalletFlow.Events");

    public Task PublishAsync(PublishedEvent outboxEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outboxEvent);
        LogEvent(_logger, outboxEvent.EventType, outboxEvent.AggregateType, outboxEvent.AggregateId, outboxEvent.DeduplicationId, outboxEvent.OutboxId, outboxEvent.Payload);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "event {EventType} {AggregateType}/{AggregateId} dedup={DeduplicationId} outbox={OutboxId} {Payload}")]
    private static partial void LogEvent(ILogger logger, string eventType, string aggregateType, string aggregateId, string deduplicationId, long outboxId, string payload);
}
