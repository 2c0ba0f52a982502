using Npgsql;

namespace WalletFlow.Adapters.Ledger;

/// <summary>
/// Chains a ledger's log after commit: writers insert entries unhashed (so no write waits on a
/// ledger-wide lock), and the sealer gives each committed entry, in the order it finds them, the
/// next chain position and the hash over the previous sealed entry's hash and its own content.
/// One sealer per ledger at a time (an advisory lock), whichever process runs it.
/// </summary>
public sealed class LogSealer(NpgsqlDataSource dataSource)
{
    private const int BatchSize = 2_000;

    /// <summary>Seals every entry committed so far; returns how many it sealed.</summary>
    public async Task<long> SealAsync(string ledger, CancellationToken ct)
    {
        long sealedNow = 0;
        while (true)
        {
            var count = await SealBatchAsync(ledger, ct);
            sealedNow += count;
            if (count < BatchSize)
                return sealedNow;
        }
    }

    /// <summary>Seals every ledger that has unsealed entries.</summary>
    public async Task<long> SealAllAsync(CancellationToken ct)
    {
        var ledgers = new List<string>();
        await using (var command = dataSource.CreateCommand("SELECT DISTINCT ledger FROM ledger.logs WHERE hash IS NULL"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                ledgers.Add(reader.GetString(0));
        long total = 0;
        foreach (var ledger in ledgers)
            total += await SealAsync(ledger, ct);
        return total;
    }

    private async Task<int> SealBatchAsync(string ledger, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Waits for a sealer in another process rather than skipping, so SealAsync returning means sealed.
        await using (var single = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('walletflow-log-sealer/' || $1, 0))", connection))
        {
            single.Parameters.AddWithValue(ledger);
            await single.ExecuteNonQueryAsync(ct);
        }

        byte[]? previous;
        long position;
        await using (var tail = new NpgsqlCommand("SELECT last_log_hash, chained_entries FROM ledger.ledgers WHERE name = $1", connection))
        {
            tail.Parameters.AddWithValue(ledger);
            await using var reader = await tail.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
                return 0;
            previous = reader.IsDBNull(0) ? null : reader.GetFieldValue<byte[]>(0);
            position = reader.GetInt64(1);
        }

        var ids = new List<long>();
        var hashes = new List<byte[]>();
        var positions = new List<long>();
        await using (var entries = new NpgsqlCommand(
            "SELECT id, type, data::text, date FROM ledger.logs WHERE ledger = $1 AND hash IS NULL ORDER BY id LIMIT $2", connection))
        {
            entries.Parameters.AddWithValue(ledger);
            entries.Parameters.AddWithValue(BatchSize);
            await using var reader = await entries.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt64(0);
                previous = LogChain.Hash(previous, id, reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(2));
                ids.Add(id);
                hashes.Add(previous);
                positions.Add(position++);
            }
        }
        if (ids.Count == 0)
            return 0;

        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    UPDATE ledger.logs l SET hash = s.hash, chain_position = s.position
                    FROM unnest($2::bigint[], $3::bytea[], $4::bigint[]) AS s(id, hash, position)
                    WHERE l.ledger = $1 AND l.id = s.id
                    """) { Parameters = { new() { Value = ledger }, new() { Value = ids.ToArray() }, new() { Value = hashes.ToArray() }, new() { Value = positions.ToArray() } } },
                new NpgsqlBatchCommand("UPDATE ledger.ledgers SET last_log_hash = $2, chained_entries = $3 WHERE name = $1")
                    { Parameters = { new() { Value = ledger }, new() { Value = previous! }, new() { Value = position } } },
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return ids.Count;
    }
}
