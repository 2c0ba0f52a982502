using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Ports;

/// <summary>
/// Where the outbox relay publishes events (design.md §11): structured log lines locally, AWS SNS in
/// production. Delivery is at least once; consumers drop repeats by <see cref="PublishedEvent.DeduplicationId"/>.
/// </summary>
public interface IEventPublisher
{
    /// <summary>Publishes one event; an exception means "not published" and the relay retries it.</summary>
    Task PublishAsync(PublishedEvent outboxEvent, CancellationToken cancellationToken);
}
