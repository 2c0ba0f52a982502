using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Stores;

/// <summary>
/// walletflow.commands as the orphan reconciler reads them, and its checkpoint in
/// walletflow.orphaned_movement_checkpoints, one row per ledger (<c>Ledger:Name</c>): a checkpoint
/// of one ledger never skips transactions of another.
/// </summary>
public sealed class PostgresOrphanedMovementStore(NpgsqlDataSource dataSource, IOptions<LedgerOptions> ledger, TimeProvider time) : IOrphanedMovementStore
{
    public async Task<IReadOnlySet<string>> FindRecordedAsync(IReadOnlyCollection<string> commandIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commandIds);
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        if (commandIds.Count == 0)
            return recorded;
        await using var command = dataSource.CreateCommand("SELECT command_id FROM walletflow.commands WHERE command_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = commandIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            recorded.Add(reader.GetString(0));
        return recorded;
    }

    public async Task<long?> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT checked_through FROM walletflow.orphaned_movement_checkpoints WHERE ledger = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = ledger.Value.Name });
        return await command.ExecuteScalarAsync(cancellationToken) is long checkedThrough ? checkedThrough : null;
    }

    public async Task SaveCheckpointAsync(long checkedThrough, CancellationToken cancellationToken)
    {
        // GREATEST: two reconcilers (two processes) may finish in either order; the checkpoint only moves forward.
        await using var command = dataSource.CreateCommand("""
            INSERT INTO walletflow.orphaned_movement_checkpoints AS c (ledger, checked_through, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT (ledger) DO UPDATE SET checked_through = GREATEST(c.checked_through, EXCLUDED.checked_through), updated_at = EXCLUDED.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ledger.Value.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = checkedThrough });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
