using Npgsql;
using NpgsqlTypes;
using WalletFlow.Core.Movements;

namespace WalletFlow.Adapters.Stores;

/// <summary>
/// Permanent idempotency claims (design.md §5) for any number of commands in one round trip. Each key's
/// transaction-scoped advisory lock says "in flight" to concurrent requests without making them wait;
/// the claims are read after the locks are held (a later statement, a later snapshot), so a claim
/// committed by the lock's previous holder is seen. The claim row itself is written with the command
/// (<see cref="CommandRecordWrites"/>), so it exists exactly when the command's effects do.
/// </summary>
public static class PostgresIdempotencyClaims
{
    /// <summary>One claim per request (key, operation, hash of the canonical request), in order. Keys must be distinct.</summary>
    public static async Task<ClaimResult[]> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<(string Key, string Operation, byte[] Hash)> requests,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var keys = requests.Select(c => c.Key).ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction);
        var locks = new NpgsqlBatchCommand("""
            SELECT pg_try_advisory_xact_lock(hashtextextended('idempotency:' || k.key, 0)) FROM unnest($1::text[]) WITH ORDINALITY AS k(key, ord) ORDER BY k.ord
            """);
        locks.Parameters.Add(new NpgsqlParameter { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        batch.BatchCommands.Add(locks);
        var claims = new NpgsqlBatchCommand("""
            SELECT idempotency_key, operation, request_hash, status, result::text FROM walletflow.idempotency_claims WHERE idempotency_key = ANY($1)
            """);
        claims.Parameters.Add(new NpgsqlParameter { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        batch.BatchCommands.Add(claims);

        var locked = new bool[keys.Length];
        var existing = new Dictionary<string, (string Operation, byte[] Hash, string Status, string? Result)>(StringComparer.Ordinal);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            for (var i = 0; await reader.ReadAsync(cancellationToken); i++)
                locked[i] = reader.GetBoolean(0);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                existing[reader.GetString(0)] = (reader.GetString(1), reader.GetFieldValue<byte[]>(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4));
            }
        }

        var results = new ClaimResult[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            if (!locked[i])
            {
                results[i] = new ClaimResult.InProgress();
                continue;
            }
            if (!existing.TryGetValue(keys[i], out var claim))
            {
                results[i] = new ClaimResult.Claimed();
                continue;
            }
            var sameRequest = claim.Operation == requests[i].Operation && claim.Hash.AsSpan().SequenceEqual(requests[i].Hash);
            results[i] = sameRequest && claim.Status == "succeeded" && claim.Result is { } stored
                ? new ClaimResult.Replayed(ReceiptJson.Read(stored))
                : new ClaimResult.Conflicted(claim.Operation);
        }
        return results;
    }
}
