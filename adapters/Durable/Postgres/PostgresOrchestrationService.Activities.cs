using System.Collections.Concurrent;
using System.Globalization;
using DurableTask.Core;
using Npgsql;

namespace WalletFlow.Adapters.Durable.Postgres;

public sealed partial class PostgresOrchestrationService
{
    private const int ActivitiesPerLook = 8;

    private readonly ConcurrentQueue<TaskActivityWorkItem> _leasedActivities = new();

    private const string LeaseActivities = """
        WITH leased AS (
            UPDATE durable.new_tasks t
            SET lock_token = $1, lock_owner = $2, lock_expires_at = now() + $3, dequeue_count = t.dequeue_count + 1
            FROM (SELECT id FROM durable.new_tasks
                  WHERE visible_at <= now() AND (lock_expires_at IS NULL OR lock_expires_at < now())
                  ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED) c
            WHERE t.id = c.id
            RETURNING t.id, t.dequeue_count, t.message)
        SELECT id, dequeue_count, message FROM leased
        UNION ALL
        SELECT NULL, NULL, (extract(epoch FROM min(visible_at)) * 1000)::bigint::text
        FROM durable.new_tasks WHERE visible_at > now()
        ORDER BY 1
        """;

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var deadline = receiveTimeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + receiveTimeout;
        while (true)
        {
            if (_leasedActivities.TryDequeue(out var leased))
                return leased;
            var wakeup = _signal.Activities.Current;
            var nextDue = await LeaseActivitiesAsync(cancellationToken);
            if (!_leasedActivities.IsEmpty)
                continue;
            if (DateTime.UtcNow >= deadline)
                return null!; // the dispatcher's contract for "nothing within the timeout"
            await WaitForWorkAsync(wakeup, nextDue, cancellationToken);
        }
    }

    private async Task<DateTime?> LeaseActivitiesAsync(CancellationToken ct)
    {
        var token = Guid.NewGuid();
        DateTime? nextDue = null;
        var leased = new List<(long Id, int DequeueCount, string Message)>();
        var held = await LookAsync(LeaseBatch(LeaseActivities, token, ActivitiesPerLook), token, async (reader, c) =>
        {
            while (await reader.ReadAsync(c))
            {
                if (reader.IsDBNull(0))
                {
                    if (!reader.IsDBNull(2))
                        nextDue = DateTime.UnixEpoch.AddMilliseconds(long.Parse(reader.GetString(2), CultureInfo.InvariantCulture));
                    continue;
                }
                leased.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2)));
            }
        }, ct);
        if (!held)
            return nextDue;
        foreach (var (id, dequeueCount, message) in leased)
        {
            var workItemId = id.ToString(CultureInfo.InvariantCulture);
            _heldActivities[workItemId] = new HeldActivity(id, token, dequeueCount);
            _leasedActivities.Enqueue(new TaskActivityWorkItem
            {
                Id = workItemId,
                TaskMessage = DurableJson.Read<TaskMessage>(message),
                LockedUntilUtc = DateTime.UtcNow + _options.LeaseDuration,
            });
        }
        return nextDue;
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        workItem.LockedUntilUtc = DateTime.UtcNow + _options.LeaseDuration; // the renewal loop extends it in the store
        return Task.FromResult(workItem);
    }

    /// <summary>
    /// The activity's work item goes and its result becomes a message for its orchestration, in one
    /// transaction. An activity whose lease ran out (and was run again elsewhere) writes nothing: one
    /// result per scheduled task reaches the orchestration.
    /// </summary>
    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(responseMessage);
        if (!_heldActivities.TryRemove(workItem.Id, out var held))
            throw new DurableLeaseLostException($"This process holds no lease on activity work item {workItem.Id}.");
        var commands = new List<SqlStatement>
        {
            new("""
            WITH done AS (DELETE FROM durable.new_tasks WHERE id = $1 AND lock_token = $2 RETURNING 1)
            SELECT walletflow.expect_rows(count(*), 1, 'durable lease of activity ' || $1::text) FROM done
            """, held.TaskId, held.Token),
        };
        AddMessages(commands, [responseMessage]);
        try
        {
            await _commits.CommitAsync(commands);
        }
        catch (PostgresException e) when (e.SqlState == "WF002")
        {
            throw new DurableLeaseLostException($"The lease on activity work item {workItem.Id} ran out and another process took it over; its result is discarded.", e);
        }
        _signal.WorkArrived(orchestrations: true, activities: false);
    }

    /// <summary>The work item is offered again after a back-off that grows with each failed attempt (capped at a minute).</summary>
    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (!_heldActivities.TryRemove(workItem.Id, out var held))
            return;
        var backoff = TimeSpan.FromSeconds(Math.Min(60, 1 << Math.Min(held.DequeueCount, 6)));
        await using var command = _dataSource.CreateCommand("""
            UPDATE durable.new_tasks SET lock_token = NULL, lock_owner = NULL, lock_expires_at = NULL, visible_at = now() + $3
            WHERE id = $1 AND lock_token = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = held.TaskId });
        command.Parameters.Add(new NpgsqlParameter { Value = held.Token });
        command.Parameters.Add(new NpgsqlParameter { Value = backoff });
        await command.ExecuteNonQueryAsync();
    }
}
