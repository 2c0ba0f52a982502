using DurableTask.Core;
using DurableTask.Core.Query;
using Npgsql;

namespace WalletFlow.Adapters.Durable.Postgres;

public sealed partial class PostgresOrchestrationService
{
    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        QueryAsync(query, name: null, cancellationToken);

    /// <summary>
    /// Instances by status, orchestration name, creation time and id prefix, in instance-id order, a page
    /// at a time (the continuation token is the last id of the page before).
    /// </summary>
    public async Task<OrchestrationQueryResult> QueryAsync(OrchestrationQuery query, string? name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var statuses = query.RuntimeStatus is { Count: > 0 } wanted ? wanted.Select(s => s.ToString()).ToArray() : null;
        await using var command = _dataSource.CreateCommand("""
            SELECT instance_id, state FROM durable.instances
            WHERE ($1::text[] IS NULL OR status = ANY($1))
              AND ($2::timestamptz IS NULL OR created_at >= $2)
              AND ($3::timestamptz IS NULL OR created_at <= $3)
              AND ($4::text IS NULL OR starts_with(instance_id, $4))
              AND ($5::text IS NULL OR instance_id > $5)
              AND ($6::text IS NULL OR name = $6)
            ORDER BY instance_id
            LIMIT $7
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)statuses ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = query.CreatedTimeFrom is { } from ? Sql.Utc(from) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = query.CreatedTimeTo is { } to ? Sql.Utc(to) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.InstanceIdPrefix ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.ContinuationToken ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Clamp(query.PageSize, 1, 1000) });
        var states = new List<OrchestrationState>();
        string? last = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                last = reader.GetString(0);
                var state = DurableJson.Read<OrchestrationState>(reader.GetString(1));
                if (!query.FetchInputsAndOutputs)
                {
                    state.Input = null;
                    state.Output = null;
                }
                states.Add(state);
            }
        }
        return new OrchestrationQueryResult(states, states.Count == Math.Clamp(query.PageSize, 1, 1000) ? last : null);
    }

    /// <summary>Purges one finished instance (history, messages, status); a live one is left alone.</summary>
    public async Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) =>
        new(await PurgeAsync("instance_id = $1", [instanceId]));

    /// <summary>Purges finished instances created in the window; statuses that are not final are ignored.</summary>
    public async Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter)
    {
        ArgumentNullException.ThrowIfNull(purgeInstanceFilter);
        var statuses = purgeInstanceFilter.RuntimeStatus?.Select(s => s.ToString()).ToArray() is { Length: > 0 } given ? given : TerminalStatuses;
        var to = purgeInstanceFilter.CreatedTimeTo is { } t ? (object)Sql.Utc(t) : DBNull.Value;
        return new PurgeResult(await PurgeAsync(
            "created_at >= $1 AND ($2::timestamptz IS NULL OR created_at <= $2) AND status = ANY($3)",
            [Sql.Utc(purgeInstanceFilter.CreatedTimeFrom), to, statuses]));
    }

    /// <summary>Purges finished instances whose chosen time is before the threshold (the retention job's call).</summary>
    public async Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType)
    {
        var column = timeRangeFilterType switch
        {
            OrchestrationStateTimeRangeFilterType.OrchestrationCreatedTimeFilter => "created_at",
            OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter => "completed_at",
            _ => "last_updated_at",
        };
        await PurgeAsync($"{column} < $1", [Sql.Utc(thresholdDateTimeUtc)]);
    }

    private async Task<int> PurgeAsync(string where, object[] arguments)
    {
        // Only finished instances, and none whose lease is live (a restart may be replacing it right now).
        await using var command = _dataSource.CreateCommand($"""
            WITH gone AS (
                DELETE FROM durable.instances
                WHERE {where} AND status = ANY(${arguments.Length + 1})
                  AND (lock_expires_at IS NULL OR lock_expires_at < now())
                RETURNING instance_id),
            history AS (DELETE FROM durable.history WHERE instance_id IN (SELECT instance_id FROM gone)),
            events AS (DELETE FROM durable.new_events WHERE instance_id IN (SELECT instance_id FROM gone)),
            tasks AS (DELETE FROM durable.new_tasks WHERE instance_id IN (SELECT instance_id FROM gone))
            SELECT count(*)::int FROM gone
            """);
        foreach (var argument in arguments)
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        command.Parameters.Add(new NpgsqlParameter { Value = TerminalStatuses });
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
