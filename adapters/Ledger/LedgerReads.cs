using System.Numerics;
using System.Text.Json;
using Npgsql;

namespace WalletFlow.Adapters.Ledger;

/// <summary>Reads shared by the write path (replays, reverts) and the queries.</summary>
internal static class LedgerReads
{
    public static async Task<IReadOnlyList<Posting>> PostingsAsync(NpgsqlConnection connection, string ledger, long txId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT source, destination, amount, asset FROM ledger.postings WHERE ledger = $1 AND tx_id = $2 ORDER BY seq", connection);
        command.Parameters.AddWithValue(ledger);
        command.Parameters.AddWithValue(txId);
        var postings = new List<Posting>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            postings.Add(new Posting(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<BigInteger>(2), reader.GetString(3)));
        return postings;
    }

    /// <summary>
    /// One transaction; with volumes, those of its accounts just before and just after it, computed
    /// from the moves (so a replay answers exactly what the original write answered).
    /// </summary>
    public static async Task<LedgerTransaction?> TransactionAsync(NpgsqlConnection connection, string ledger, long id, bool withVolumes, CancellationToken ct)
    {
        LedgerTransaction transaction;
        await using (var command = new NpgsqlCommand(
            "SELECT timestamp, inserted_at, reference, metadata::text, reverted_at FROM ledger.transactions WHERE ledger = $1 AND id = $2", connection))
        {
            command.Parameters.AddWithValue(ledger);
            command.Parameters.AddWithValue(id);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
                return null;
            DateTimeOffset? revertedAt = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4);
            transaction = new LedgerTransaction(id, reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1), [],
                reader.IsDBNull(2) ? null : reader.GetString(2), Metadata(reader.GetString(3)), revertedAt is not null, revertedAt);
        }
        transaction = transaction with { Postings = await PostingsAsync(connection, ledger, id, ct) };
        if (!withVolumes)
            return transaction;

        await using var volumes = new NpgsqlCommand("""
            WITH touched AS (SELECT DISTINCT address, asset FROM ledger.moves WHERE ledger = $1 AND tx_id = $2)
            SELECT t.address, t.asset,
                   coalesce(sum(m.amount) FILTER (WHERE NOT m.is_source AND m.tx_id < $2), 0),
                   coalesce(sum(m.amount) FILTER (WHERE m.is_source AND m.tx_id < $2), 0),
                   coalesce(sum(m.amount) FILTER (WHERE NOT m.is_source), 0),
                   coalesce(sum(m.amount) FILTER (WHERE m.is_source), 0)
            FROM touched t JOIN ledger.moves m ON m.ledger = $1 AND m.address = t.address AND m.asset = t.asset AND m.tx_id <= $2
            GROUP BY t.address, t.asset
            ORDER BY t.address COLLATE "C", t.asset COLLATE "C"
            """, connection);
        volumes.Parameters.AddWithValue(ledger);
        volumes.Parameters.AddWithValue(id);
        var pre = new Dictionary<string, Dictionary<string, Volumes>>();
        var post = new Dictionary<string, Dictionary<string, Volumes>>();
        await using (var reader = await volumes.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var (address, asset) = (reader.GetString(0), reader.GetString(1));
                Bucket(pre, address)[asset] = new Volumes(reader.GetFieldValue<BigInteger>(2), reader.GetFieldValue<BigInteger>(3));
                Bucket(post, address)[asset] = new Volumes(reader.GetFieldValue<BigInteger>(4), reader.GetFieldValue<BigInteger>(5));
            }
        }
        return transaction with { PreCommitVolumes = Freeze(pre), PostCommitVolumes = Freeze(post) };
    }

    public static IReadOnlyDictionary<string, string> Metadata(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, LedgerJson.Options) ?? [];

    private static Dictionary<string, Volumes> Bucket(Dictionary<string, Dictionary<string, Volumes>> map, string address) =>
        map.TryGetValue(address, out var bucket) ? bucket : map[address] = [];

    private static Dictionary<string, IReadOnlyDictionary<string, Volumes>> Freeze(Dictionary<string, Dictionary<string, Volumes>> map) =>
        map.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, Volumes>)kv.Value);
}
