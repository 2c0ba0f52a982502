using System.Numerics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using WalletFlow.Core.Cutover;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Stores;

/// <summary>
/// walletflow.cutovers, cutover_rows, cutover_transitions and their outbox events. A transition is one
/// statement: its row (keyed by step: a step recorded again adds no row and no event), the cutover's
/// status moved when <see cref="CutoverLifecycle.MayMoveFrom"/> allows, and its event.
/// </summary>
public sealed class PostgresCutoverStore(CommandsDataSource commands, TimeProvider time) : ICutoverStore
{
    private const string Columns = "cutover_id, status, step, detail, row_count, batch_size, batch_count, requested_by, ledger_totals::text, created_at, updated_at";
    private const string RowColumns = "line, wallet_id, owner_id, currency, balance, legacy_ref";

    private NpgsqlDataSource Db => commands.DataSource;

    public async Task<CreatedCutover> CreateAsync(string cutoverId, IdempotencyKey key, byte[] fileHash, IReadOnlyList<CutoverRow> rows, int batchSize, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var connection = await Db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One upload at a time decides: the key's replay, and the one-open-cutover rule, are read under this lock.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('walletflow:cutover-start', 0))", connection, transaction))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);

        await using (var claimed = new NpgsqlCommand("SELECT operation, request_hash, result->>'cutoverId' FROM walletflow.idempotency_claims WHERE idempotency_key = $1", connection, transaction))
        {
            claimed.Parameters.Add(new NpgsqlParameter { Value = key.Value });
            await using var reader = await claimed.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                var same = reader.GetString(0) == StartCutover.Operation && reader.GetFieldValue<byte[]>(1).AsSpan().SequenceEqual(fileHash);
                var existingId = reader.IsDBNull(2) ? null : reader.GetString(2);
                await reader.DisposeAsync();
                return same && existingId is not null
                    ? new CreatedCutover(await FindAsync(connection, transaction, existingId, cancellationToken), false)
                    : new CreatedCutover(null, false, Conflict: $"Idempotency-Key '{key.Value}' was used for a different request.");
            }
        }

        await using (var open = new NpgsqlCommand($"SELECT {Columns} FROM walletflow.cutovers WHERE NOT (status = ANY($1)) ORDER BY created_at LIMIT 1", connection, transaction))
        {
            open.Parameters.Add(Texts(Enum.GetValues<CutoverStatus>().Where(s => !CutoverLifecycle.BlocksAnother(s)).Select(s => s.ToString())));
            await using var reader = await open.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
                return new CreatedCutover(null, false, BlockedBy: Read(reader));
        }

        var now = time.GetUtcNow();
        var batches = (rows.Count + batchSize - 1) / batchSize;
        var accepted = CutoverLifecycle.Transitions.Accepted(rows.Count, actor);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO walletflow.idempotency_claims (idempotency_key, operation, request_hash, status, result, claimed_at)
                VALUES ($1, $2, $3, 'accepted', jsonb_build_object('cutoverId', $4::text), $5)
                """, key.Value, StartCutover.Operation, fileHash, cutoverId, now));
            batch.BatchCommands.Add(Command("""
                INSERT INTO walletflow.cutovers (cutover_id, idempotency_key, file_hash, status, step, detail, row_count, batch_size, batch_count, requested_by, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
                """, cutoverId, key.Value, fileHash, accepted.Status.ToString(), accepted.Step, accepted.Detail, rows.Count, batchSize, batches, actor, now));
            batch.BatchCommands.Add(Command("""
                INSERT INTO walletflow.cutover_rows (cutover_id, line, batch, wallet_id, owner_id, currency, balance, legacy_ref)
                SELECT $1, r.line, (r.n - 1) / $2, r.wallet_id, r.owner_id, r.currency, r.balance, r.legacy_ref
                FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[]) WITH ORDINALITY
                    AS r(line, wallet_id, owner_id, currency, balance, legacy_ref, n)
                """, cutoverId, batchSize, rows.Select(r => r.Line).ToArray(), Texts(rows.Select(r => r.WalletId)), Texts(rows.Select(r => r.OwnerId)),
                Texts(rows.Select(r => r.Balance.Currency.Code)), rows.Select(r => r.Balance.MinorUnits).ToArray(), Texts(rows.Select(r => r.LegacyRef))));
            batch.BatchCommands.Add(TransitionCommand(cutoverId, accepted, now));
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        var created = await FindAsync(connection, transaction, cutoverId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedCutover(created, true);
    }

    public async Task<CutoverRun?> FindAsync(string cutoverId, CancellationToken cancellationToken)
    {
        await using var connection = await Db.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, null, cutoverId, cancellationToken);
    }

    public async Task<CutoverRun> RecordAsync(string cutoverId, CutoverTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        await using var connection = await Db.OpenConnectionAsync(cancellationToken);
        await using (var batch = new NpgsqlBatch(connection))
        {
            batch.BatchCommands.Add(TransitionCommand(cutoverId, transition, time.GetUtcNow()));
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        return await FindAsync(connection, null, cutoverId, cancellationToken)
            ?? throw new InvalidOperationException($"Cutover {cutoverId} has no row.");
    }

    public Task<IReadOnlyList<CutoverRow>> BatchAsync(string cutoverId, int batch, CancellationToken cancellationToken) =>
        RowsAsync($"SELECT {RowColumns} FROM walletflow.cutover_rows WHERE cutover_id = $1 AND batch = $2 ORDER BY line", cancellationToken, cutoverId, batch);

    public Task<IReadOnlyList<CutoverRow>> RowsAsync(string cutoverId, CancellationToken cancellationToken) =>
        RowsAsync($"SELECT {RowColumns} FROM walletflow.cutover_rows WHERE cutover_id = $1 ORDER BY line", cancellationToken, cutoverId);

    public Task RecordPostingsAsync(string cutoverId, IReadOnlyList<CutoverRowOutcome> outcomes, CancellationToken cancellationToken) =>
        RecordOutcomesAsync("posted_at", "posted_command", "post_failure", cutoverId, outcomes, cancellationToken);

    public Task RecordReversalsAsync(string cutoverId, IReadOnlyList<CutoverRowOutcome> outcomes, CancellationToken cancellationToken) =>
        RecordOutcomesAsync("reversed_at", "reversed_command", "reverse_failure", cutoverId, outcomes, cancellationToken);

    public async Task SaveLedgerTotalsAsync(string cutoverId, IReadOnlyList<CutoverCurrencyTotal> totals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var json = JsonSerializer.Serialize(totals.Select(t => new { currency = t.Currency, wallets = t.Wallets, minorUnits = t.MinorUnits.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        await using var command = Db.CreateCommand("UPDATE walletflow.cutovers SET ledger_totals = $2::jsonb WHERE cutover_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = cutoverId });
        command.Parameters.Add(new NpgsqlParameter { Value = json });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<CutoverProgress> ProgressAsync(string cutoverId, int failureLimit, CancellationToken cancellationToken)
    {
        await using var connection = await Db.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command("""
            SELECT count(*)::int,
                   count(*) FILTER (WHERE posted_at IS NOT NULL AND posted_command IS NOT NULL)::int,
                   count(*) FILTER (WHERE posted_at IS NOT NULL AND posted_command IS NULL)::int,
                   count(*) FILTER (WHERE post_failure IS NOT NULL)::int,
                   count(*) FILTER (WHERE reversed_at IS NOT NULL)::int,
                   count(*) FILTER (WHERE reverse_failure IS NOT NULL)::int
            FROM walletflow.cutover_rows WHERE cutover_id = $1
            """, cutoverId));
        batch.BatchCommands.Add(Command("""
            SELECT currency, count(*)::int, sum(balance)::text FROM walletflow.cutover_rows WHERE cutover_id = $1 GROUP BY currency ORDER BY currency COLLATE "C"
            """, cutoverId));
        batch.BatchCommands.Add(Command("""
            (SELECT line, wallet_id, $2::text, post_failure FROM walletflow.cutover_rows WHERE cutover_id = $1 AND post_failure IS NOT NULL ORDER BY line LIMIT $4)
            UNION ALL
            (SELECT line, wallet_id, $3::text, reverse_failure FROM walletflow.cutover_rows WHERE cutover_id = $1 AND reverse_failure IS NOT NULL ORDER BY line LIMIT $4)
            """, cutoverId, CutoverLifecycle.Post, CutoverLifecycle.Reverse, failureLimit));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var counts = Enumerable.Range(0, 6).Select(reader.GetInt32).ToArray();
        await reader.NextResultAsync(cancellationToken);
        var totals = new List<CutoverCurrencyTotal>();
        while (await reader.ReadAsync(cancellationToken))
            totals.Add(new CutoverCurrencyTotal(reader.GetString(0), reader.GetInt32(1), BigInteger.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture)));
        await reader.NextResultAsync(cancellationToken);
        var failures = new List<CutoverRowFailure>();
        while (await reader.ReadAsync(cancellationToken))
            failures.Add(new CutoverRowFailure(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return new CutoverProgress(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], totals, failures);
    }

    public async Task<IReadOnlyList<CutoverStepRecord>> TransitionsAsync(string cutoverId, CancellationToken cancellationToken)
    {
        await using var command = Db.CreateCommand("SELECT step, status, detail, actor, at FROM walletflow.cutover_transitions WHERE cutover_id = $1 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter { Value = cutoverId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var steps = new List<CutoverStepRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            steps.Add(new CutoverStepRecord(reader.GetString(0), Enum.Parse<CutoverStatus>(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return steps;
    }

    private async Task RecordOutcomesAsync(string atColumn, string commandColumn, string failureColumn, string cutoverId, IReadOnlyList<CutoverRowOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        // A row done clears an earlier failure; a failure keeps an earlier success (a replay never un-posts a row).
        await using var command = Db.CreateCommand($"""
            UPDATE walletflow.cutover_rows r SET
                {atColumn} = CASE WHEN o.failure IS NULL THEN COALESCE(r.{atColumn}, $5) ELSE r.{atColumn} END,
                {commandColumn} = CASE WHEN o.failure IS NULL THEN o.command_id ELSE r.{commandColumn} END,
                {failureColumn} = CASE WHEN o.failure IS NULL OR r.{atColumn} IS NOT NULL THEN NULL ELSE o.failure END
            FROM unnest($2::int[], $3::text[], $4::text[]) AS o(line, command_id, failure)
            WHERE r.cutover_id = $1 AND r.line = o.line
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = cutoverId });
        command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Line).ToArray() });
        command.Parameters.Add(Texts(outcomes.Select(o => o.CommandId)));
        command.Parameters.Add(Texts(outcomes.Select(o => o.Failure)));
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand TransitionCommand(string cutoverId, CutoverTransition transition, DateTimeOffset now) => Command("""
        WITH added AS (
            INSERT INTO walletflow.cutover_transitions (cutover_id, step, status, detail, actor, at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (cutover_id, step) DO NOTHING
            RETURNING cutover_id),
        moved AS (
            UPDATE walletflow.cutovers SET status = $3, step = $2, detail = COALESCE($4, detail), updated_at = $6
            WHERE cutover_id = $1 AND status = ANY($7)
            RETURNING 1)
        INSERT INTO walletflow.outbox (aggregate_type, aggregate_id, event_type, dedup_id, payload, created_at)
        SELECT 'cutover', $1, $8, 'cutover:' || $1 || ':' || $2,
               jsonb_build_object('cutoverId', $1::text, 'step', $2::text, 'status', $3::text, 'detail', $4::text, 'actor', $5::text), $6
        FROM added
        ON CONFLICT (dedup_id) DO NOTHING
        """, cutoverId, transition.Step, transition.Status.ToString(), transition.Detail, transition.Actor, now,
        Texts(CutoverLifecycle.MayMoveFrom(transition.Status).Select(s => s.ToString())), transition.EventType);

    private static async Task<CutoverRun?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string cutoverId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM walletflow.cutovers WHERE cutover_id = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = cutoverId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static CutoverRun Read(NpgsqlDataReader reader)
    {
        var totals = new List<CutoverCurrencyTotal>();
        if (!reader.IsDBNull(8))
        {
            using var json = JsonDocument.Parse(reader.GetString(8));
            foreach (var t in json.RootElement.EnumerateArray())
            {
                totals.Add(new CutoverCurrencyTotal(t.GetProperty("currency").GetString()!, t.GetProperty("wallets").GetInt32(),
                    BigInteger.Parse(t.GetProperty("minorUnits").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        return new CutoverRun(reader.GetString(0), Enum.Parse<CutoverStatus>(reader.GetString(1)), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetString(7),
            totals, reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10));
    }

    private async Task<IReadOnlyList<CutoverRow>> RowsAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = Db.CreateCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<CutoverRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new CutoverRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                new Money(Currency.Find(reader.GetString(3)).Value, reader.GetInt64(4)), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }
        return rows;
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }

    private static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
