using DurableTask.Core;
using DurableTask.Core.History;
using Npgsql;

namespace WalletFlow.Adapters.Durable.Postgres;

/// <summary>What one orchestration episode leaves behind: its new history and status, and the messages it sends.</summary>
internal sealed record EpisodeWrites(
    OrchestrationRuntimeState Runtime, OrchestrationState State, IReadOnlyList<TaskMessage> OrchestrationMessages, IList<TaskMessage> ActivityMessages);

public sealed partial class PostgresOrchestrationService
{
    /// <summary>
    /// Commits an episode in one round trip and one transaction: the lease is checked (a process whose
    /// lease ran out and was taken over writes nothing), history appended, the consumed messages deleted,
    /// the new ones and the activity work items inserted, the instance's status written and its lease
    /// given back. With <paramref name="writes"/> null it only consumes the messages (nothing to run).
    /// </summary>
    private async Task CommitEpisodeAsync(string instanceId, HeldOrchestration held, EpisodeWrites? writes)
    {
        var commands = new List<SqlStatement>();
        var executionId = held.ExecutionId;
        if (writes is null)
        {
            commands.Add(new SqlStatement("""
                WITH released AS (
                    UPDATE durable.instances SET lock_token = NULL, lock_owner = NULL, lock_expires_at = NULL
                    WHERE instance_id = $1 AND lock_token = $2 RETURNING 1)
                SELECT walletflow.expect_rows(count(*), 1, 'durable lease of ' || $1) FROM released
                """, instanceId, held.Token));
        }
        else
        {
            var runtime = writes.Runtime;
            var state = writes.State;
            executionId = runtime.OrchestrationInstance?.ExecutionId ?? held.ExecutionId;
            var newExecution = executionId != held.ExecutionId;
            var status = runtime.OrchestrationStatus;
            DateTime? completedAt = IsTerminal(status) ? Sql.Utc(state.CompletedTime == default ? DateTime.UtcNow : state.CompletedTime) : null;
            commands.Add(new SqlStatement("""
                WITH written AS (
                    UPDATE durable.instances
                    SET execution_id = $3, name = $4, version = $5, status = $6, last_updated_at = now(),
                        completed_at = $7, state = $8, lock_token = NULL, lock_owner = NULL, lock_expires_at = NULL
                    WHERE instance_id = $1 AND lock_token = $2 RETURNING 1)
                SELECT walletflow.expect_rows(count(*), 1, 'durable lease of ' || $1) FROM written
                """, instanceId, held.Token, executionId, runtime.Name ?? state.Name ?? "", runtime.Version ?? state.Version,
                status.ToString(), completedAt, DurableJson.Write(state)));
            if (newExecution)
                commands.Add(new SqlStatement("DELETE FROM durable.history WHERE instance_id = $1", instanceId));
            var events = newExecution ? runtime.Events : runtime.NewEvents;
            var first = newExecution ? 0 : held.HistoryCount;
            if (events.Count > 0)
            {
                commands.Add(new SqlStatement("""
                    INSERT INTO durable.history (instance_id, execution_id, sequence, event_type, recorded_at, event)
                    SELECT $1, $2, $3 + e.ordinality - 1, e.event_type, e.recorded_at, e.event
                    FROM unnest($4::text[], $5::timestamptz[], $6::text[]) WITH ORDINALITY AS e(event_type, recorded_at, event)
                    """, instanceId, executionId, first,
                    events.Select(e => e.EventType.ToString()).ToArray(),
                    events.Select(e => Sql.Utc(e.Timestamp == default ? DateTime.UtcNow : e.Timestamp)).ToArray(),
                    events.Select(DurableJson.Write).ToArray()));
            }
            // walletflow's orchestrations start none; a sub-orchestration would need its instance created here.
            if (writes.OrchestrationMessages.Any(m => m.Event is ExecutionStartedEvent))
                throw new NotSupportedException("The PostgreSQL durable store does not run sub-orchestrations.");
            AddMessages(commands, writes.OrchestrationMessages);
            AddActivities(commands, writes.ActivityMessages);
        }
        if (held.ConsumedMessageIds.Length > 0)
            commands.Add(new SqlStatement("DELETE FROM durable.new_events WHERE id = ANY($1)", held.ConsumedMessageIds));

        try
        {
            await _commits.CommitAsync(commands);
        }
        catch (PostgresException e) when (e.SqlState == "WF002")
        {
            held.Settled = true;
            _heldOrchestrations.TryRemove(KeyValuePair.Create(instanceId, held));
            throw new DurableLeaseLostException($"The lease on orchestration '{instanceId}' ran out and another process took it over; this episode is discarded.", e);
        }
        // The lease went back with the commit: nothing renews it any more (the work item's release is then a no-op).
        held.Settled = true;
        _heldOrchestrations.TryRemove(KeyValuePair.Create(instanceId, held));
        if (writes is { } w)
            _signal.WorkArrived(orchestrations: w.OrchestrationMessages.Count > 0, activities: w.ActivityMessages.Count > 0);
    }

    /// <summary>Messages for orchestrations (events, timers, results), each visible at its due time.</summary>
    private static void AddMessages(List<SqlStatement> commands, IReadOnlyList<TaskMessage> messages)
    {
        if (messages.Count == 0)
            return;
        // A message for an instance that does not exist is dropped, as DurableTask.Core's providers do.
        commands.Add(new SqlStatement("""
            INSERT INTO durable.new_events (instance_id, execution_id, event_type, visible_at, message)
            SELECT m.instance_id, m.execution_id, m.event_type, coalesce(m.visible_at, now()), m.message
            FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[])
                 AS m(instance_id, execution_id, event_type, visible_at, message)
            WHERE EXISTS (SELECT 1 FROM durable.instances i WHERE i.instance_id = m.instance_id)
            """,
            messages.Select(m => m.OrchestrationInstance.InstanceId).ToArray(),
            messages.Select(m => m.OrchestrationInstance.ExecutionId).ToArray(),
            messages.Select(m => m.Event.EventType.ToString()).ToArray(),
            messages.Select(m => VisibleAt(m.Event)).ToArray(),
            messages.Select(DurableJson.Write).ToArray()));
    }

    private static void AddActivities(List<SqlStatement> commands, IList<TaskMessage> messages)
    {
        if (messages.Count == 0)
            return;
        commands.Add(new SqlStatement("""
            INSERT INTO durable.new_tasks (instance_id, execution_id, name, visible_at, message)
            SELECT m.instance_id, m.execution_id, m.name, now(), m.message
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS m(instance_id, execution_id, name, message)
            """,
            messages.Select(m => m.OrchestrationInstance.InstanceId).ToArray(),
            messages.Select(m => m.OrchestrationInstance.ExecutionId).ToArray(),
            messages.Select(m => (m.Event as TaskScheduledEvent)?.Name ?? m.Event.EventType.ToString()).ToArray(),
            messages.Select(DurableJson.Write).ToArray()));
    }

    /// <summary>A timer's fire time, or a scheduled start; null for "now".</summary>
    private static DateTime? VisibleAt(HistoryEvent e) => e switch
    {
        TimerFiredEvent timer => Sql.Utc(timer.FireAt),
        ExecutionStartedEvent { ScheduledStartTime: { } at } => Sql.Utc(at),
        _ => null,
    };
}
