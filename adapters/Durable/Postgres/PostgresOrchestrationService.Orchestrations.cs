using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace WalletFlow.Adapters.Durable.Postgres;

public sealed partial class PostgresOrchestrationService
{
    // How many ready instances one look leases at once. The sidecar fetches serially, one work item per
    // call; leasing a few per round trip keeps that loop off the database's latency under load.
    private const int OrchestrationsPerLook = 8;

    private readonly ConcurrentQueue<TaskOrchestrationWorkItem> _leasedOrchestrations = new();

    // One statement: lease up to $4 instances that have a visible message and no live lease (oldest
    // message first), then return each one's execution, its visible messages and its history, and the
    // due time of the next timer anyone waits for.
    private const string LeaseOrchestrations = """
        WITH candidates AS (
            SELECT i.instance_id
            FROM durable.instances i
            JOIN (SELECT instance_id, min(id) AS first_id FROM durable.new_events
                  WHERE visible_at <= now() GROUP BY instance_id) e ON e.instance_id = i.instance_id
            WHERE i.lock_expires_at IS NULL OR i.lock_expires_at < now()
            ORDER BY e.first_id
            LIMIT $4
            FOR UPDATE OF i SKIP LOCKED),
        leased AS (
            UPDATE durable.instances i SET lock_token = $1, lock_owner = $2, lock_expires_at = now() + $3
            FROM candidates c WHERE i.instance_id = c.instance_id
            RETURNING i.instance_id, i.execution_id, i.status)
        SELECT 0 AS part, l.instance_id, 0::bigint AS n, l.execution_id, l.status AS body FROM leased l
        UNION ALL
        SELECT 1, e.instance_id, e.id, e.execution_id, e.message
        FROM durable.new_events e JOIN leased l ON l.instance_id = e.instance_id WHERE e.visible_at <= now()
        UNION ALL
        SELECT 2, h.instance_id, h.sequence::bigint, h.execution_id, h.event
        FROM durable.history h JOIN leased l ON l.instance_id = h.instance_id AND l.execution_id = h.execution_id
        UNION ALL
        SELECT 3, '', (extract(epoch FROM min(visible_at)) * 1000)::bigint, NULL, NULL
        FROM durable.new_events WHERE visible_at > now()
        ORDER BY 2, 1, 3
        """;

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var deadline = receiveTimeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + receiveTimeout;
        while (true)
        {
            if (_leasedOrchestrations.TryDequeue(out var leased))
                return leased;
            var wakeup = _signal.Orchestrations.Current;
            var nextDue = await LeaseOrchestrationsAsync(cancellationToken);
            if (!_leasedOrchestrations.IsEmpty)
                continue;
            if (DateTime.UtcNow >= deadline)
                return null!; // the dispatcher's contract for "nothing within the timeout"
            await WaitForWorkAsync(wakeup, nextDue, cancellationToken);
        }
    }

    /// <summary>Leases what is ready into the local queue; returns when the next timer is due.</summary>
    private async Task<DateTime?> LeaseOrchestrationsAsync(CancellationToken ct)
    {
        var token = Guid.NewGuid();
        var instances = new List<(string Id, string ExecutionId, string Status)>();
        var messages = new Dictionary<string, List<(long Id, string? ExecutionId, string Json)>>(StringComparer.Ordinal);
        var histories = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        DateTime? nextDue = null;
        var held = await LookAsync(LeaseBatch(LeaseOrchestrations, token, OrchestrationsPerLook), token, async (reader, c) =>
        {
            while (await reader.ReadAsync(c))
            {
                var instanceId = reader.GetString(1);
                switch (reader.GetInt32(0))
                {
                    case 0:
                        instances.Add((instanceId, reader.GetString(3), reader.GetString(4)));
                        break;
                    case 1:
                        Add(messages, instanceId, (reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4)));
                        break;
                    case 2:
                        Add(histories, instanceId, reader.GetString(4));
                        break;
                    default:
                        if (!reader.IsDBNull(2))
                            nextDue = DateTime.UnixEpoch.AddMilliseconds(reader.GetInt64(2));
                        break;
                }
            }
        }, ct);
        if (!held)
            return nextDue;
        foreach (var (instanceId, executionId, status) in instances)
        {
            try
            {
                await PrepareAsync(instanceId, executionId, status, token,
                    messages.GetValueOrDefault(instanceId) ?? [], histories.GetValueOrDefault(instanceId) ?? [], ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A row this process cannot read (written by a newer version, or damaged), or the database
                // failed: the instance is not held (nor its lease renewed) but left alone for a minute, and
                // the others stay runnable.
                LogUnprepared(_logger, instanceId, e);
                if (_heldOrchestrations.TryGetValue(instanceId, out var unprepared) && unprepared.Token == token)
                    _heldOrchestrations.TryRemove(KeyValuePair.Create(instanceId, unprepared));
                await TryLeaveAloneAsync(instanceId, token, TimeSpan.FromMinutes(1));
            }
        }
        return nextDue;
    }

    /// <summary>Gives the lease taken with <paramref name="token"/> back, with nobody to take the instance for <paramref name="wait"/>.</summary>
    private async Task TryLeaveAloneAsync(string instanceId, Guid token, TimeSpan wait)
    {
        try
        {
            await using var release = _dataSource.CreateCommand("""
                UPDATE durable.instances SET lock_token = NULL, lock_owner = NULL, lock_expires_at = now() + $3
                WHERE instance_id = $1 AND lock_token = $2
                """);
            release.Parameters.Add(new NpgsqlParameter { Value = instanceId });
            release.Parameters.Add(new NpgsqlParameter { Value = token });
            release.Parameters.Add(new NpgsqlParameter { Value = wait });
            await release.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The lease runs out on its own: nothing renews it any more.
        }
    }

    /// <summary>Turns one leased instance's rows into a work item in the local queue (or consumes messages nothing needs).</summary>
    private async Task PrepareAsync(string instanceId, string executionId, string status, Guid token,
        List<(long Id, string? ExecutionId, string Json)> rows, List<string> historyRows, CancellationToken ct)
    {
        var history = historyRows.Select(DurableJson.Read<HistoryEvent>).ToList();
        var newMessages = new List<TaskMessage>();
        foreach (var row in rows)
        {
            var message = DurableJson.Read<TaskMessage>(row.Json);
            // A message for an execution that a restart has since replaced is consumed, not delivered.
            if (row.ExecutionId is null || row.ExecutionId == executionId || message.Event is ExecutionStartedEvent)
                newMessages.Add(message);
        }
        if (_heldOrchestrations.TryGetValue(instanceId, out var running) && !running.Settled)
        {
            // An episode of this instance is still running here under a lease that ran out (renewals
            // failed or the process stalled). A second work item for the same instance must not reach
            // the sidecar while the first is in it (it matches the worker's answer by instance id); the
            // first one's commit is refused now that its token is gone, and the messages are leased again.
            LogStillRunning(_logger, instanceId);
            await TryLeaveAloneAsync(instanceId, token, TimeSpan.FromSeconds(1));
            return;
        }
        var held = new HeldOrchestration(token, executionId, [.. rows.Select(r => r.Id)], history.Count);
        _heldOrchestrations[instanceId] = held;
        var finished = IsTerminal(Enum.Parse<OrchestrationStatus>(status)) && !newMessages.Any(m => m.Event is ExecutionStartedEvent);
        if (newMessages.Count == 0 || finished)
        {
            // Events raised at a finished instance, or only stale ones: consumed, nothing to run.
            await CommitEpisodeAsync(instanceId, held, writes: null);
            return;
        }
        _leasedOrchestrations.Enqueue(new LeasedOrchestrationWorkItem
        {
            Lease = held,
            InstanceId = instanceId,
            OrchestrationRuntimeState = new OrchestrationRuntimeState(history),
            NewMessages = newMessages,
            LockedUntilUtc = DateTime.UtcNow + _options.LeaseDuration,
        });
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        workItem.LockedUntilUtc = DateTime.UtcNow + _options.LeaseDuration; // the renewal loop extends it in the store
        return Task.CompletedTask;
    }

    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(newOrchestrationRuntimeState);
        var held = Held(workItem);
        var state = orchestrationState ?? StateOf(newOrchestrationRuntimeState);
        var messages = (orchestratorMessages ?? []).Concat(timerMessages ?? []).Append(continuedAsNewMessage).Where(m => m is not null).ToList();
        await CommitEpisodeAsync(workItem.InstanceId, held,
            new EpisodeWrites(newOrchestrationRuntimeState, state, messages, outboundMessages ?? []));
    }

    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var held = LeaseOf(workItem);
        _heldOrchestrations.TryRemove(KeyValuePair.Create(workItem.InstanceId, held));
        if (held.Settled)
            return;
        held.Settled = true;
        // The messages stay where they are; the instance is left alone for a second before anyone retries it.
        await using var command = _dataSource.CreateCommand("""
            UPDATE durable.instances SET lock_token = NULL, lock_owner = NULL, lock_expires_at = now() + interval '1 second'
            WHERE instance_id = $1 AND lock_token = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = workItem.InstanceId });
        command.Parameters.Add(new NpgsqlParameter { Value = held.Token });
        await command.ExecuteNonQueryAsync();
    }

    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        // Only this work item's own lease: the process may hold a newer one on the instance already.
        var held = LeaseOf(workItem);
        _heldOrchestrations.TryRemove(KeyValuePair.Create(workItem.InstanceId, held));
        if (held.Settled)
            return;
        held.Settled = true;
        await using var command = _dataSource.CreateCommand(
            "UPDATE durable.instances SET lock_token = NULL, lock_owner = NULL, lock_expires_at = NULL WHERE instance_id = $1 AND lock_token = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = workItem.InstanceId });
        command.Parameters.Add(new NpgsqlParameter { Value = held.Token });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// A lease statement in a transaction that does not wait for its WAL flush: a lease is coordination,
    /// not state. Lost in a crash, the work is simply leased again; nothing an episode or an activity
    /// commits depends on it. Without this every look for work waited on an fsync of its own.
    /// </summary>
    private NpgsqlBatch LeaseBatch(string lease, Guid token, int count)
    {
        var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('synchronous_commit', 'off', true)"));
        batch.BatchCommands.Add(Sql.Command(lease, token, Owner, _options.LeaseDuration, count));
        return batch;
    }

    private static HeldOrchestration LeaseOf(TaskOrchestrationWorkItem workItem) =>
        (workItem as LeasedOrchestrationWorkItem)?.Lease
        ?? throw new ArgumentException($"Work item for '{workItem.InstanceId}' was not handed out by this store.", nameof(workItem));

    private static HeldOrchestration Held(TaskOrchestrationWorkItem workItem) =>
        LeaseOf(workItem) is { Settled: false } held
            ? held
            : throw new DurableLeaseLostException($"This process holds no lease on orchestration '{workItem.InstanceId}' for this work item.");

    internal static bool IsTerminal(OrchestrationStatus status) =>
        status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;

    private static OrchestrationState StateOf(OrchestrationRuntimeState runtime) => new()
    {
        OrchestrationInstance = runtime.OrchestrationInstance,
        ParentInstance = runtime.ParentInstance,
        Name = runtime.Name,
        Version = runtime.Version,
        Status = runtime.Status,
        Tags = runtime.Tags,
        OrchestrationStatus = runtime.OrchestrationStatus,
        CreatedTime = runtime.CreatedTime,
        CompletedTime = runtime.CompletedTime,
        LastUpdatedTime = DateTime.UtcNow,
        Input = runtime.Input,
        Output = runtime.Output,
        FailureDetails = runtime.FailureDetails,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orchestration {InstanceId} was leased again while an episode of it still runs in this process under a lease that ran out; that episode's commit will be refused and the instance is retried in a second")]
    private static partial void LogStillRunning(ILogger logger, string instanceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Orchestration {InstanceId} could not be prepared to run (a row this process cannot read, or the database failed); it is left alone for a minute")]
    private static partial void LogUnprepared(ILogger logger, string instanceId, Exception exception);

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = [];
        list.Add(value);
    }
}
