using Npgsql;
using WalletFlow.Core.Flags;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Stores;

/// <summary>walletflow.feature_flags (current state) and walletflow.feature_flag_changes (every change, who and why).</summary>
public sealed class PostgresFeatureFlags(NpgsqlDataSource dataSource, TimeProvider clock) : IFeatureFlags
{
    public async Task<FeatureFlag> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT enabled, reason, updated_by, updated_at FROM walletflow.feature_flags WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new FeatureFlag(name, reader.GetBoolean(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3))
            : FeatureFlag.Unset(name);
    }

    public async Task<FeatureFlag> SetAsync(string name, bool enabled, string reason, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var at = clock.GetUtcNow();
        // One statement: the state and its audit row are written together or not at all.
        await using var command = dataSource.CreateCommand("""
            WITH change AS (
                INSERT INTO walletflow.feature_flag_changes (name, enabled, reason, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5)
            )
            INSERT INTO walletflow.feature_flags (name, enabled, reason, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (name) DO UPDATE SET enabled = EXCLUDED.enabled, reason = EXCLUDED.reason,
                updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = enabled });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)reason ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = actor });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new FeatureFlag(name, enabled, reason, actor, at);
    }
}
