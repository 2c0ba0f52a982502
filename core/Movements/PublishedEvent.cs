namespace WalletFlow.Core.Movements;

/// <summary>An outbox row as the relay hands it to a publisher.</summary>
/// <param name="OutboxId">Its position in the outbox (publication order).</param>
/// <param name="AggregateType">The stream's aggregate type.</param>
/// <param name="AggregateId">The stream's aggregate id.</param>
/// <param name="EventType">The event type.</param>
/// <param name="DeduplicationId">Unique per event.</param>
/// <param name="Payload">The JSON body.</param>
/// <param name="CreatedAt">When the command wrote it.</param>
public sealed record PublishedEvent(long OutboxId, string AggregateType, string AggregateId, string EventType, string DeduplicationId, string Payload, DateTimeOffset CreatedAt);
