using Microsoft.Extensions.Logging;
using Npgsql;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Outbox;

/// <summary>
/// Publishes outbox rows in outbox id order, at least once. One relay runs at a time (a transaction
/// advisory lock), so order holds across processes. Commands on one aggregate also touch its rows
/// (statements, holds) before they insert their outbox row, so they take outbox ids in commit order and
/// the id order is the aggregate's order. A row is marked published only after its publisher returned;
/// a crash in between publishes it again, with the same deduplication id.
/// </summary>
public sealed partial class OutboxRelay(NpgsqlDataSource dataSource, IEventPublisher publisher, TimeProvider time, ILogger<OutboxRelay> logger)
{
    private const string RelayLock = "walletflow:outbox-relay";

    /// <summary>Publishes up to <paramref name="batchSize"/> rows; returns how many (0 when empty or another relay holds the lock).</summary>
    public async Task<int> RelayOnceAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = RelayLock });
            if (!(bool)(await lockCommand.ExecuteScalarAsync(cancellationToken))!)
                return 0;
        }

        var batch = new List<PublishedEvent>();
        await using (var select = new NpgsqlCommand("""
            SELECT outbox_id, aggregate_type, aggregate_id, event_type, dedup_id, payload::text, created_at
            FROM walletflow.outbox WHERE published_at IS NULL ORDER BY outbox_id LIMIT $1
            """, connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = batchSize });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                batch.Add(new PublishedEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
            }
        }

        var published = new List<long>();
        foreach (var outboxEvent in batch)
        {
            try
            {
                await publisher.PublishAsync(outboxEvent, cancellationToken);
                published.Add(outboxEvent.OutboxId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Stop at the first failure: publishing a later row of the same aggregate first would break its order.
                LogPublishFailed(logger, e, outboxEvent.OutboxId, outboxEvent.EventType);
                break;
            }
        }
        if (published.Count > 0)
        {
            await using var mark = new NpgsqlCommand("UPDATE walletflow.outbox SET published_at = $2 WHERE outbox_id = ANY($1)", connection, transaction);
            mark.Parameters.Add(new NpgsqlParameter { Value = published.ToArray() });
            mark.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return published.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {OutboxId} ({EventType}) was not published; the relay retries it")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, long outboxId, string eventType);
}
