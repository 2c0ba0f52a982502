using Npgsql;
using NpgsqlTypes;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Reserves;

namespace WalletFlow.Adapters.Stores;

/// <summary>walletflow.reserve_policies with walletflow.reserve_policy_changes, and the due tranches of walletflow.reserve_tranches.</summary>
public sealed class PostgresReserveStore(NpgsqlDataSource dataSource) : IReserveStore
{
    public async Task<bool> SetPolicyAsync(ReservePolicyRecord policy, OutboxEvent policySet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(policySet);
        // One statement: the policy, its change row and its event are written together, and only when
        // some wallet belongs to the owner.
        await using var command = dataSource.CreateCommand("""
            WITH policy AS (
                INSERT INTO walletflow.reserve_policies (owner_id, rate_bps, hold_days, updated_at, updated_by)
                SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM walletflow.wallets WHERE owner_id = $1)
                ON CONFLICT (owner_id) DO UPDATE SET rate_bps = EXCLUDED.rate_bps, hold_days = EXCLUDED.hold_days,
                    updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
                RETURNING owner_id
            ), change AS (
                INSERT INTO walletflow.reserve_policy_changes (owner_id, rate_bps, hold_days, changed_by, changed_at)
                SELECT owner_id, $2, $3, $5, $4 FROM policy
            ), event AS (
                INSERT INTO walletflow.outbox (aggregate_type, aggregate_id, event_type, dedup_id, payload, created_at)
                SELECT $6, owner_id, $7, $8, $9, $4 FROM policy
            )
            SELECT count(*) FROM policy
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = policy.OwnerId });
        command.Parameters.Add(new NpgsqlParameter { Value = policy.RateBps });
        command.Parameters.Add(new NpgsqlParameter { Value = policy.HoldDays });
        command.Parameters.Add(new NpgsqlParameter { Value = policy.UpdatedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)policy.UpdatedBy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = policySet.AggregateType });
        command.Parameters.Add(new NpgsqlParameter { Value = policySet.EventType });
        command.Parameters.Add(new NpgsqlParameter { Value = policySet.DeduplicationId });
        command.Parameters.Add(new NpgsqlParameter { Value = policySet.Payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    public async Task<IReadOnlyList<ReservePolicyRecord>> ListPoliciesAsync(string? ownerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT owner_id, rate_bps, hold_days, updated_at, updated_by FROM walletflow.reserve_policies
            WHERE $1::text IS NULL OR owner_id = $1
            ORDER BY owner_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)ownerId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var policies = new List<ReservePolicyRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            policies.Add(new ReservePolicyRecord(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return policies;
    }

    public async Task<IReadOnlyList<string>> ListDueTranchesAsync(DueReserveTranches query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        // A frozen or closed wallet's tranches are left out: the release would refuse them, and they
        // would fill every batch.
        await using var command = dataSource.CreateCommand("""
            SELECT t.tranche_id FROM walletflow.reserve_tranches t JOIN walletflow.wallets w ON w.wallet_id = t.wallet_id
            WHERE t.released_by IS NULL AND t.matures_at <= $1 AND w.status = 'active'
            ORDER BY t.matures_at, t.tranche_id
            LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = new DateTimeOffset(DateTime.SpecifyKind(query.AsOf, DateTimeKind.Utc)) });
        command.Parameters.Add(new NpgsqlParameter { Value = query.Limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var due = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
            due.Add(reader.GetString(0));
        return due;
    }
}
