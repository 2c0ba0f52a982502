namespace WalletFlow.Core.Movements;

/// <summary>An event written to the outbox with the command that caused it (design.md §11).</summary>
/// <param name="AggregateType">The stream's aggregate type.</param>
/// <param name="AggregateId">The stream's aggregate id; published in order per aggregate.</param>
/// <param name="EventType">Past tense: <c>TransferCompleted</c>.</param>
/// <param name="DeduplicationId">Unique per event; consumers drop a second delivery of it.</param>
/// <param name="Payload">The event body (JSON object).</param>
public sealed record OutboxEvent(string AggregateType, string AggregateId, string EventType, string DeduplicationId, string Payload);
