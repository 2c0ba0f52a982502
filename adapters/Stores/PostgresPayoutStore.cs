using System.Data.Common;
using System.Text.Json;
using Npgsql;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Stores;

/// <summary>walletflow.payouts, payout_transitions and their outbox events; what a transition writes is <see cref="PayoutTransitionWrites"/>'s.</summary>
public sealed class PostgresPayoutStore(CommandsDataSource commands, TimeProvider time) : IPayoutStore
{
    private const string Columns = "payout_id, wallet_id, currency, amount, fee, provider_id, beneficiary::text, status, provider_reference, detail, requeries, created_at, updated_at";

    public async Task<CreatedPayout> CreateAsync(Payout payout, IdempotencyKey key, byte[] requestHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        await using var connection = await commands.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Both names queue here: the key, and the payout id (one payout id reached with two keys).
        await Execute(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), pg_advisory_xact_lock(hashtextextended($2, 0))",
            cancellationToken, "idempotency:" + key.Value, "payout:" + payout.PayoutId);

        await using (var claimed = new NpgsqlCommand("""
            SELECT operation, request_hash, result->>'payoutId' FROM walletflow.idempotency_claims WHERE idempotency_key = $1
            """, connection, transaction))
        {
            claimed.Parameters.Add(new NpgsqlParameter { Value = key.Value });
            await using var reader = await claimed.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                var same = reader.GetString(0) == StartPayout.Operation && reader.GetFieldValue<byte[]>(1).AsSpan().SequenceEqual(requestHash);
                var payoutId = reader.IsDBNull(2) ? null : reader.GetString(2);
                await reader.DisposeAsync();
                return same && payoutId is not null
                    ? new CreatedPayout(await FindAsync(connection, transaction, payoutId, cancellationToken), false, null)
                    : new CreatedPayout(null, false, $"Idempotency-Key '{key.Value}' was used for a different request.");
            }
        }

        var existing = await FindAsync(connection, transaction, payout.PayoutId, cancellationToken);
        if (existing is not null)
        {
            // The same payout id under a new key: the same payout if it asks for the same thing.
            return SameRequest(existing, payout)
                ? new CreatedPayout(existing, false, null)
                : new CreatedPayout(null, false, $"Payout '{payout.PayoutId}' already exists with a different request.");
        }

        var now = time.GetUtcNow();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command("""
            INSERT INTO walletflow.idempotency_claims (idempotency_key, operation, request_hash, status, result, claimed_at)
            VALUES ($1, $2, $3, 'accepted', jsonb_build_object('payoutId', $4::text), $5)
            """, key.Value, StartPayout.Operation, requestHash, payout.PayoutId, now));
        batch.BatchCommands.Add(Command($"""
            INSERT INTO walletflow.payouts ({Columns.Replace("::text", "", StringComparison.Ordinal)})
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, NULL, NULL, 0, $9, $9)
            """, payout.PayoutId, payout.WalletId, payout.Amount.Currency.Code, payout.Amount.MinorUnits, payout.Fee.MinorUnits,
            payout.ProviderId, JsonSerializer.Serialize(payout.Beneficiary), nameof(PayoutStatus.Requested), now));
        batch.BatchCommands.Add(PayoutTransitionWrites.WithEvent(payout.PayoutId, PayoutLifecycle.Transitions.Requested(), now));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedPayout(payout with { CreatedAt = now, UpdatedAt = now }, true, null);
    }

    public async Task<bool> RecordAsync(string payoutId, PayoutTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        await using var connection = await commands.DataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(PayoutTransitionWrites.WithEvent(payoutId, transition, time.GetUtcNow()));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return batch.BatchCommands[0].RecordsAffected == 1;
    }

    public async Task NoteAsync(string payoutId, PayoutStatus status, string detail, CancellationToken cancellationToken)
    {
        await using var command = commands.DataSource.CreateCommand(
            "UPDATE walletflow.payouts SET detail = $3, updated_at = $4 WHERE payout_id = $1 AND status = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = payoutId });
        command.Parameters.Add(new NpgsqlParameter { Value = status.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = detail });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Payout?> FindAsync(string payoutId, CancellationToken cancellationToken)
    {
        await using var connection = await commands.DataSource.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, null, payoutId, cancellationToken);
    }

    public async Task<IReadOnlyList<RecordedTransition>> TransitionsAsync(string payoutId, CancellationToken cancellationToken)
    {
        await using var command = commands.DataSource.CreateCommand(
            "SELECT step, status, detail, at FROM walletflow.payout_transitions WHERE payout_id = $1 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter { Value = payoutId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var transitions = new List<RecordedTransition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            transitions.Add(new RecordedTransition(reader.GetString(0), Enum.Parse<PayoutStatus>(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return transitions;
    }

    public async Task<IReadOnlyList<Payout>> ListUnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var command = commands.DataSource.CreateCommand($"""
            SELECT {Columns} FROM walletflow.payouts WHERE status <> ALL($1) ORDER BY created_at, payout_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = PayoutLifecycle.Terminal.Select(s => s.ToString()).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var payouts = new List<Payout>();
        while (await reader.ReadAsync(cancellationToken))
            payouts.Add(Read(reader));
        return payouts;
    }

    private static async Task<Payout?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string payoutId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM walletflow.payouts WHERE payout_id = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = payoutId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static Payout Read(DbDataReader reader)
    {
        var currency = Currency.Find(reader.GetString(2)).Value;
        return new Payout(reader.GetString(0), reader.GetString(1), new Money(currency, reader.GetInt64(3)), new Money(currency, reader.GetInt64(4)),
            reader.GetString(5), JsonSerializer.Deserialize<Beneficiary>(reader.GetString(6))!, Enum.Parse<PayoutStatus>(reader.GetString(7)),
            reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetInt32(10),
            reader.GetFieldValue<DateTimeOffset>(11), reader.GetFieldValue<DateTimeOffset>(12));
    }

    private static bool SameRequest(Payout a, Payout b) =>
        a.WalletId == b.WalletId && a.Amount == b.Amount && a.Fee == b.Fee && a.ProviderId == b.ProviderId && a.Beneficiary == b.Beneficiary;

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        return command;
    }
}
