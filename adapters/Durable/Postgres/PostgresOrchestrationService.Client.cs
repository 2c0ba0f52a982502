using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Npgsql;

namespace WalletFlow.Adapters.Durable.Postgres;

public sealed partial class PostgresOrchestrationService
{
    // Without an id-reuse policy, a live instance is never replaced: a second start of a payout while
    // its saga runs must not begin a second execution beside it.
    private static readonly OrchestrationStatus[] LiveStatuses =
        [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended, OrchestrationStatus.ContinuedAsNew];

    private static readonly string[] TerminalStatuses =
        [.. new[] { OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled }.Select(s => s.ToString())];

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => CreateTaskOrchestrationAsync(creationMessage, null);

    /// <summary>
    /// Creates the instance, or replaces one whose status is not in <paramref name="dedupeStatuses"/>, in
    /// one transaction with its start message: a replacement drops the old execution's history and
    /// pending messages and takes any lease away from whoever still runs it.
    /// </summary>
    public async Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[]? dedupeStatuses)
    {
        ArgumentNullException.ThrowIfNull(creationMessage);
        if (creationMessage.Event is not ExecutionStartedEvent started)
            throw new ArgumentException("A creation message carries an ExecutionStartedEvent.", nameof(creationMessage));
        var instance = creationMessage.OrchestrationInstance;
        instance.ExecutionId ??= started.OrchestrationInstance?.ExecutionId ?? Guid.NewGuid().ToString("N");
        var state = new OrchestrationState
        {
            OrchestrationInstance = instance,
            Name = started.Name,
            Version = started.Version,
            Input = started.Input,
            Tags = started.Tags,
            ParentInstance = started.ParentInstance,
            ScheduledStartTime = started.ScheduledStartTime,
            OrchestrationStatus = OrchestrationStatus.Pending,
            CreatedTime = DateTime.UtcNow,
            LastUpdatedTime = DateTime.UtcNow,
        };
        var commands = new List<SqlStatement>();
        commands.Add(new SqlStatement("""
            WITH created AS (
                INSERT INTO durable.instances AS i (instance_id, execution_id, name, version, status, created_at, last_updated_at, state)
                VALUES ($1, $2, $3, $4, 'Pending', now(), now(), $5)
                ON CONFLICT (instance_id) DO UPDATE
                SET execution_id = EXCLUDED.execution_id, name = EXCLUDED.name, version = EXCLUDED.version, status = 'Pending',
                    created_at = now(), last_updated_at = now(), completed_at = NULL, state = EXCLUDED.state,
                    lock_token = NULL, lock_owner = NULL, lock_expires_at = NULL
                WHERE NOT (i.status = ANY($6))
                RETURNING 1)
            SELECT walletflow.expect_rows(count(*), 1, 'creating orchestration ' || $1) FROM created
            """, instance.InstanceId, instance.ExecutionId, started.Name ?? "", started.Version, DurableJson.Write(state),
            (dedupeStatuses ?? LiveStatuses).Select(s => s.ToString()).ToArray()));
        commands.Add(new SqlStatement("DELETE FROM durable.history WHERE instance_id = $1", instance.InstanceId));
        commands.Add(new SqlStatement("DELETE FROM durable.new_events WHERE instance_id = $1", instance.InstanceId));
        commands.Add(new SqlStatement("DELETE FROM durable.new_tasks WHERE instance_id = $1", instance.InstanceId));
        AddMessages(commands, [creationMessage]);
        try
        {
            await _commits.CommitAsync(commands);
        }
        catch (PostgresException e) when (e.SqlState == "WF002")
        {
            var existing = await GetOrchestrationStateAsync(instance.InstanceId, executionId: null);
            throw new OrchestrationAlreadyExistsException(
                $"An orchestration with id '{instance.InstanceId}' already exists. It's in the {existing?.OrchestrationStatus} state.");
        }
        _signal.WorkArrived(orchestrations: true, activities: false);
    }

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => SendTaskOrchestrationMessageBatchAsync(message);

    /// <summary>Events, terminations, suspensions: committed together; dropped for an instance that does not exist.</summary>
    public async Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Any(m => m.Event is ExecutionStartedEvent))
            throw new ArgumentException("Start an orchestration with CreateTaskOrchestrationAsync.", nameof(messages));
        var commands = new List<SqlStatement>();
        AddMessages(commands, messages);
        if (commands.Count == 0)
            return;
        await _commits.CommitAsync(commands);
        _signal.WorkArrived(orchestrations: true, activities: false);
    }

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) =>
        SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new ExecutionTerminatedEvent(-1, reason),
        });

    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            limit.CancelAfter(timeout);
        var pause = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var state = await GetOrchestrationStateAsync(instanceId, executionId);
            if (state is not null && IsTerminal(state.OrchestrationStatus))
                return state;
            try
            {
                await Task.Delay(pause, limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null!; // timed out: DurableTask.Core's contract
            }
            pause = TimeSpan.FromMilliseconds(Math.Min(1000, pause.TotalMilliseconds * 2));
        }
    }

    public async Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions)
    {
        var state = await GetOrchestrationStateAsync(instanceId, executionId: null);
        return state is null ? [] : [state];
    }

    public async Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string? executionId)
    {
        await using var command = _dataSource.CreateCommand("SELECT execution_id, state FROM durable.instances WHERE instance_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = instanceId });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync() || (executionId is not null && reader.GetString(0) != executionId))
            return null!;
        return DurableJson.Read<OrchestrationState>(reader.GetString(1));
    }

    /// <summary>The instance's history (its current execution), oldest first; empty for an unknown instance.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT h.event FROM durable.history h
            JOIN durable.instances i ON i.instance_id = h.instance_id AND i.execution_id = h.execution_id
            WHERE h.instance_id = $1 ORDER BY h.sequence
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = instanceId });
        var events = new List<HistoryEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            events.Add(DurableJson.Read<HistoryEvent>(reader.GetString(0)));
        return events;
    }

    public async Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) =>
        DurableJson.Write(await GetHistoryAsync(instanceId, CancellationToken.None));
}
