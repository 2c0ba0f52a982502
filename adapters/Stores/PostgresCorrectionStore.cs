using System.Data.Common;
using Npgsql;
using WalletFlow.Core.Corrections;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Adapters.Stores;

/// <summary>walletflow.corrections and correction_transitions, each transition with its outbox event in the same statement.</summary>
public sealed class PostgresCorrectionStore(CommandsDataSource commands) : ICorrectionStore
{
    private const string Columns = """
        correction_id, kind, wallet_id, currency, credit, debit, reverse_tx_id, reason, evidence, status, requested_by, requested_at,
        expires_at, decided_by, decided_at, decision_comment, ledger_tx_id, detail, updated_at
        """;

    public async Task<Result<(Correction Correction, bool Created)>> CreateAsync(Correction correction, IdempotencyKey key, byte[] requestHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(correction);
        await using var connection = await commands.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var queue = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
        {
            queue.Parameters.Add(new NpgsqlParameter { Value = "idempotency:" + key.Value });
            await queue.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var claimed = new NpgsqlCommand(
            "SELECT operation, request_hash, result->>'correctionId' FROM walletflow.idempotency_claims WHERE idempotency_key = $1", connection, transaction))
        {
            claimed.Parameters.Add(new NpgsqlParameter { Value = key.Value });
            await using var reader = await claimed.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                var same = reader.GetString(0) == CorrectionNames.RequestOperation && reader.GetFieldValue<byte[]>(1).AsSpan().SequenceEqual(requestHash);
                var id = reader.IsDBNull(2) ? null : reader.GetString(2);
                await reader.DisposeAsync();
                if (!same || id is null)
                    return new IdempotencyConflict(key.Value, CorrectionNames.RequestOperation);
                return (await FindAsync(connection, transaction, id, cancellationToken)
                    ?? throw new InvalidOperationException($"Claim {key.Value} names correction {id}, which does not exist."), false);
            }
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command("""
            INSERT INTO walletflow.idempotency_claims (idempotency_key, operation, request_hash, status, result, claimed_at)
            VALUES ($1, $2, $3, 'accepted', jsonb_build_object('correctionId', $4::text), $5)
            """, key.Value, CorrectionNames.RequestOperation, requestHash, correction.CorrectionId, correction.RequestedAt));
        batch.BatchCommands.Add(Command($"""
            INSERT INTO walletflow.corrections ({Columns})
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL, NULL, NULL, NULL, NULL, $12)
            """, correction.CorrectionId, correction.Kind.ToString(), correction.WalletId, correction.Credit?.Currency.Code,
            correction.Credit?.MinorUnits, correction.Debit?.MinorUnits, correction.ReverseTransactionId, correction.Reason, correction.Evidence,
            nameof(CorrectionStatus.PendingApproval), correction.RequestedBy, correction.RequestedAt, correction.ExpiresAt));
        var requested = new CorrectionTransition(CorrectionStatus.PendingApproval, correction.RequestedBy, correction.Reason, correction.RequestedAt);
        batch.BatchCommands.Add(Command("""
            INSERT INTO walletflow.correction_transitions (correction_id, status, actor, detail, at) VALUES ($1, $2, $3, $4, $5)
            """, correction.CorrectionId, requested.Status.ToString(), requested.Actor, requested.Detail, requested.At));
        batch.BatchCommands.Add(Event(correction.CorrectionId, requested, null));
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "corrections_one_live_reversal")
        {
            return new StateConflict($"Ledger transaction {correction.ReverseTransactionId} already has a reversal pending or approved.") { Field = "reverseTransactionId" };
        }
        await transaction.CommitAsync(cancellationToken);
        return (correction, true);
    }

    public async Task<Correction?> FindAsync(string correctionId, CancellationToken cancellationToken)
    {
        await using var connection = await commands.DataSource.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, null, correctionId, cancellationToken);
    }

    public async Task<IReadOnlyList<Correction>> ListAsync(CorrectionStatus? status, int limit, CancellationToken cancellationToken)
    {
        await using var command = commands.DataSource.CreateCommand($"""
            SELECT {Columns} FROM walletflow.corrections WHERE $1::text IS NULL OR status = $1
            ORDER BY requested_at DESC, correction_id LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<Correction>();
        while (await reader.ReadAsync(cancellationToken))
            found.Add(Read(reader));
        return found;
    }

    public async Task<IReadOnlyList<CorrectionTransition>> TransitionsAsync(string correctionId, CancellationToken cancellationToken)
    {
        await using var command = commands.DataSource.CreateCommand(
            "SELECT status, actor, detail, at FROM walletflow.correction_transitions WHERE correction_id = $1 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter { Value = correctionId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var transitions = new List<CorrectionTransition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            transitions.Add(new CorrectionTransition(Enum.Parse<CorrectionStatus>(reader.GetString(0)), reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return transitions;
    }

    public async Task<bool> MoveAsync(string correctionId, CorrectionStatus from, CorrectionTransition transition, long? ledgerTransactionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var decision = transition.Status is CorrectionStatus.Approved or CorrectionStatus.Rejected;
        await using var connection = await commands.DataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        // The move and its transition in one statement: the transition (and its event) only when the row moved.
        batch.BatchCommands.Add(Command("""
            WITH moved AS (
                UPDATE walletflow.corrections SET status = $3, updated_at = $5,
                    decided_by = CASE WHEN $6 THEN $4 ELSE decided_by END,
                    decided_at = CASE WHEN $6 THEN $5 ELSE decided_at END,
                    decision_comment = CASE WHEN $6 THEN $7 ELSE decision_comment END,
                    detail = CASE WHEN $6 THEN detail ELSE $7 END,
                    ledger_tx_id = COALESCE($8, ledger_tx_id)
                WHERE correction_id = $1 AND status = $2 AND (NOT $6 OR expires_at > $5)
                RETURNING correction_id)
            INSERT INTO walletflow.correction_transitions (correction_id, status, actor, detail, at)
            SELECT correction_id, $3, $4, $7, $5 FROM moved
            """, correctionId, from.ToString(), transition.Status.ToString(), transition.Actor, transition.At, decision, transition.Detail, ledgerTransactionId));
        batch.BatchCommands.Add(Event(correctionId, transition, ledgerTransactionId));
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        batch.Transaction = tx;
        await batch.ExecuteNonQueryAsync(cancellationToken);
        var moved = batch.BatchCommands[0].RecordsAffected == 1;
        await tx.CommitAsync(cancellationToken);
        return moved;
    }

    // A transition's event: written in the transition's transaction, after it, once its row exists (once per status: dedup_id).
    private static NpgsqlBatchCommand Event(string correctionId, CorrectionTransition transition, long? ledgerTransactionId) =>
        Command("""
            INSERT INTO walletflow.outbox (aggregate_type, aggregate_id, event_type, dedup_id, payload, created_at)
            SELECT 'correction', $1, $6, $1 || ':' || $2,
                   jsonb_build_object('correctionId', $1::text, 'status', $2::text, 'actor', $3::text, 'detail', $4::text, 'ledgerTransactionId', $7::bigint), $5
            FROM walletflow.correction_transitions t WHERE t.correction_id = $1 AND t.status = $2
            ON CONFLICT (dedup_id) DO NOTHING
            """, correctionId, transition.Status.ToString(), transition.Actor, transition.Detail, transition.At, EventType(transition.Status),
            ledgerTransactionId);

    /// <summary>The outbox event of a status, past tense.</summary>
    public static string EventType(CorrectionStatus status) => status switch
    {
        CorrectionStatus.PendingApproval => "CorrectionRequested",
        _ => "Correction" + status,
    };

    private static async Task<Correction?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string correctionId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM walletflow.corrections WHERE correction_id = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = correctionId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static Correction Read(DbDataReader reader)
    {
        Money? Amount(int ordinal) => reader.IsDBNull(ordinal) ? null : new Money(Currency.Find(reader.GetString(3)).Value, reader.GetInt64(ordinal));
        return new Correction(
            reader.GetString(0), Enum.Parse<CorrectionKind>(reader.GetString(1)), reader.IsDBNull(2) ? null : reader.GetString(2),
            Amount(4), Amount(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.GetString(7), reader.GetString(8),
            Enum.Parse<CorrectionStatus>(reader.GetString(9)), reader.GetString(10), reader.GetFieldValue<DateTimeOffset>(11),
            reader.GetFieldValue<DateTimeOffset>(12), reader.IsDBNull(13) ? null : reader.GetString(13),
            reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14), reader.IsDBNull(15) ? null : reader.GetString(15),
            reader.IsDBNull(16) ? null : reader.GetInt64(16), reader.IsDBNull(17) ? null : reader.GetString(17), reader.GetFieldValue<DateTimeOffset>(18));
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }
}
