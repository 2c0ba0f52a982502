using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using WalletFlow.Core.Gates;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Stores;

/// <summary>walletflow.gate_runs and walletflow.gate_results: every run, kept as history.</summary>
public sealed class PostgresGateRunStore(NpgsqlDataSource dataSource) : IGateRunStore
{
    public async Task SaveAsync(GateRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO walletflow.gate_runs (run_id, at, passed, trigger) VALUES ($1, $2, $3, $4)")
        {
            Parameters = { new() { Value = run.RunId }, new() { Value = run.At }, new() { Value = run.Passed }, new() { Value = run.Trigger } },
        });
        for (var i = 0; i < run.Gates.Count; i++)
        {
            var gate = run.Gates[i];
            batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO walletflow.gate_results (run_id, position, gate, passed, details) VALUES ($1, $2, $3, $4, $5)")
            {
                Parameters =
                {
                    new() { Value = run.RunId }, new() { Value = i }, new() { Value = gate.Gate }, new() { Value = gate.Passed },
                    new() { Value = JsonSerializer.Serialize(gate.Details), NpgsqlDbType = NpgsqlDbType.Jsonb },
                },
            });
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<GateRun>> ListRecentAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = dataSource.CreateCommand("""
            WITH recent AS (SELECT run_id, at, passed, trigger FROM walletflow.gate_runs ORDER BY at DESC, run_id LIMIT $1)
            SELECT r.run_id, r.at, r.passed, r.trigger, g.gate, g.passed, g.details::text
            FROM recent r JOIN walletflow.gate_results g ON g.run_id = r.run_id
            ORDER BY r.at DESC, r.run_id, g.position
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<GateRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var runId = reader.GetGuid(0);
            if (runs.Count == 0 || runs[^1].RunId != runId)
                runs.Add(new GateRun(runId, reader.GetFieldValue<DateTimeOffset>(1), reader.GetBoolean(2), [], reader.GetString(3)));
            var result = new GateResult(reader.GetString(4), reader.GetBoolean(5), JsonSerializer.Deserialize<string[]>(reader.GetString(6)) ?? []);
            runs[^1] = runs[^1] with { Gates = [.. runs[^1].Gates, result] };
        }
        return runs;
    }
}
