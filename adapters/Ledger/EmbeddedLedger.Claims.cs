using Npgsql;

namespace WalletFlow.Adapters.Ledger;

public sealed partial class EmbeddedLedger
{
    // Writers with the same key queue on a transaction-scoped advisory lock, so the second one sees
    // the first one's committed claim: one transaction, identical answers, never a second write.
    private static async Task<LedgerResult<long>?> ClaimIdempotencyKeyAsync(
        NpgsqlConnection connection, string ledger, string? key, byte[]? requestHash, CancellationToken ct)
    {
        if (key is null)
            return null;
        await using (var wait = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2, 0))", connection))
        {
            wait.Parameters.AddWithValue(ledger);
            wait.Parameters.AddWithValue(key);
            await wait.ExecuteNonQueryAsync(ct);
        }
        await using var find = new NpgsqlCommand("SELECT request_hash, tx_id FROM ledger.idempotency_keys WHERE ledger = $1 AND key = $2", connection);
        find.Parameters.AddWithValue(ledger);
        find.Parameters.AddWithValue(key);
        await using var reader = await find.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return null;
        return reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(requestHash)
            ? LedgerResult<long>.Ok(reader.GetInt64(1))
            : LedgerError.Conflict($"idempotency key '{key}' was already used with a different request");
    }

    private static async Task<LedgerResult<LedgerTransaction>> ReplayAsync(NpgsqlConnection connection, string ledger, long id, CancellationToken ct) =>
        await LedgerReads.TransactionAsync(connection, ledger, id, withVolumes: true, ct) is { } original
            ? LedgerResult<LedgerTransaction>.Ok(original)
            : throw new InvalidOperationException($"idempotency key points at missing transaction {id} in {ledger}");

    private static async Task<bool> LedgerExistsAsync(NpgsqlConnection connection, string ledger, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM ledger.ledgers WHERE name = $1", connection);
        command.Parameters.AddWithValue(ledger);
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    private static async Task<bool> ReferenceTakenAsync(NpgsqlConnection connection, string ledger, string reference, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM ledger.transactions WHERE ledger = $1 AND reference = $2", connection);
        command.Parameters.AddWithValue(ledger);
        command.Parameters.AddWithValue(reference);
        return await command.ExecuteScalarAsync(ct) is not null;
    }
}
