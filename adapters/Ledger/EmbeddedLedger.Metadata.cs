using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using WalletFlow.Core.Movements;

namespace WalletFlow.Adapters.Ledger;

public sealed partial class EmbeddedLedger
{
    private const string TransactionTarget = "TRANSACTION";
    private const string AccountTarget = "ACCOUNT";

    public Task<LedgerResult<bool>> SetTransactionMetadataAsync(string ledger, long id, IReadOnlyDictionary<string, string> metadata, CancellationToken ct) =>
        ChangeMetadataAsync(ledger, TransactionTarget, id, null, metadata, null, ct);

    public Task<LedgerResult<bool>> DeleteTransactionMetadataAsync(string ledger, long id, string key, CancellationToken ct) =>
        ChangeMetadataAsync(ledger, TransactionTarget, id, null, null, key, ct);

    /// <summary>Sets account metadata; an account not used yet is created, as Formance does.</summary>
    public Task<LedgerResult<bool>> SetAccountMetadataAsync(string ledger, string address, IReadOnlyDictionary<string, string> metadata, CancellationToken ct) =>
        ChangeMetadataAsync(ledger, AccountTarget, null, address, metadata, null, ct);

    public Task<LedgerResult<bool>> DeleteAccountMetadataAsync(string ledger, string address, string key, CancellationToken ct) =>
        ChangeMetadataAsync(ledger, AccountTarget, null, address, null, key, ct);

    private async Task<LedgerResult<bool>> ChangeMetadataAsync(string ledger, string target, long? id, string? address,
        IReadOnlyDictionary<string, string>? set, string? delete, CancellationToken ct)
    {
        if (address is not null && !LedgerSyntax.IsAddress(address))
            return LedgerError.Validation($"invalid account address '{address}'");
        if (set is not null && (set.Count == 0 || set.Keys.Any(string.IsNullOrEmpty)))
            return LedgerError.Validation("metadata must have at least one entry and no empty key");
        if (UnstorableMetadata(set) is { } unstorable)
            return unstorable;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (!await LedgerExistsAsync(connection, ledger, ct))
            return LedgerError.LedgerNotFound(ledger);

        var now = LogChain.ToMicroseconds(time.GetUtcNow());
        var json = set is null ? null : JsonSerializer.Serialize(set, LedgerJson.Options);
        string sql = (target, set is not null) switch
        {
            (TransactionTarget, true) => "UPDATE ledger.transactions SET metadata = metadata || $3 WHERE ledger = $1 AND id = $2",
            (TransactionTarget, false) => "UPDATE ledger.transactions SET metadata = metadata - $3 WHERE ledger = $1 AND id = $2",
            (_, true) => """
                INSERT INTO ledger.accounts (ledger, address, first_usage, insertion_date, updated_at, metadata) VALUES ($1, $2, $4, $4, $4, $3)
                ON CONFLICT (ledger, address) DO UPDATE SET metadata = ledger.accounts.metadata || EXCLUDED.metadata, updated_at = $4
                """,
            _ => "UPDATE ledger.accounts SET metadata = metadata - $3, updated_at = $4 WHERE ledger = $1 AND address = $2",
        };
        await using (var command = new NpgsqlCommand(sql, connection))
        {
            command.Parameters.AddWithValue(ledger);
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)id ?? address! });
            command.Parameters.Add(json is null ? new NpgsqlParameter { Value = delete! } : new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.AddWithValue(now);
            if (await command.ExecuteNonQueryAsync(ct) == 0)
                return LedgerError.NotFound(id is not null ? $"transaction {id} not found" : $"account {address} not found");
        }

        object targetId = (object?)id ?? address!;
        var data = set is not null
            ? JsonSerializer.Serialize(new { targetType = target, targetId, metadata = set }, LedgerJson.Options)
            : JsonSerializer.Serialize(new { targetType = target, targetId, key = delete }, LedgerJson.Options);
        await AppendLogAsync(connection, ledger, set is not null ? SetMetadataLog : DeleteMetadataLog, data, now, ct);
        await tx.CommitAsync(ct);
        return LedgerResult<bool>.Ok(true);
    }

    /// <summary>
    /// A VALIDATION refusal when a key or value cannot be stored (<see cref="StorableText"/>), as a
    /// transaction's own metadata is refused: PostgreSQL refuses NUL in jsonb (22P05), which failed the
    /// write into a 500 (found by the fuzzer) for metadata set on an account, a transaction, a new
    /// ledger or by a script.
    /// </summary>
    private static LedgerError? UnstorableMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        foreach (var (key, value) in metadata ?? Empty)
        {
            if (StorableText.Problem(key) is { } badKey)
                return LedgerError.Validation($"metadata: a key {badKey}");
            if (value is not null && StorableText.Problem(value) is { } badValue)
                return LedgerError.Validation($"metadata['{key}']: {badValue}");
        }
        return null;
    }

    // The ledger's log id sequence (migration 0003), by the ledger's number; the statement's $1 is the ledger.
    private const string LogIds = "format('ledger.log_ids_%s', (SELECT number FROM ledger.ledgers WHERE name = $1))::regclass";

    private static async Task AppendLogAsync(NpgsqlConnection connection, string ledger, string type, string data, DateTimeOffset at, CancellationToken ct)
    {
        // Unhashed, like every entry: LogSealer chains it after commit.
        await using var command = new NpgsqlCommand(
            $"INSERT INTO ledger.logs (ledger, id, type, data, date) VALUES ($1, nextval({LogIds}), $2, $3::json, $4)", connection);
        command.Parameters.AddWithValue(ledger);
        command.Parameters.AddWithValue(type);
        command.Parameters.AddWithValue(data);
        command.Parameters.AddWithValue(at);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The log in chain order, in pages: each entry where the sealer placed it (its chain position),
    /// sealed entries only. Ids come from a sequence and commit out of order, so "after id N" would
    /// pass for ever an entry with a lower id that commits later; the sealer places entries in the
    /// order it finds them committed, and each of its runs commits after the one before, so every
    /// reader sees a prefix of the chain that only grows at its end. <paramref name="after"/> is the
    /// chain position of the last entry already read (-1 for the start), and the page's next cursor is
    /// the last position it holds (the previous cursor on an empty page), so a tailing reader that
    /// keeps passing it back receives every entry exactly once.
    /// </summary>
    public async Task<LedgerResult<LedgerPage<LedgerLogEntry>>> ListLogsAsync(string ledger, int pageSize, long after, CancellationToken ct)
    {
        if (pageSize is < 1 or > LedgerQuery.MaxPageSize)
            return LedgerError.Validation($"pageSize must be between 1 and {LedgerQuery.MaxPageSize}");
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!await LedgerExistsAsync(connection, ledger, ct))
            return LedgerError.LedgerNotFound(ledger);
        // What has committed so far is placed first, so a read right after a write finds it.
        await _sealer.SealAsync(ledger, ct);
        await using var command = new NpgsqlCommand("""
            SELECT id, type, data::text, date, hash, chain_position FROM ledger.logs
            WHERE ledger = $1 AND chain_position > $2 ORDER BY chain_position LIMIT $3
            """, connection);
        command.Parameters.AddWithValue(ledger);
        command.Parameters.AddWithValue(after);
        command.Parameters.AddWithValue(pageSize + 1);
        var entries = new List<LedgerLogEntry>();
        var positions = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new LedgerLogEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4)));
            positions.Add(reader.GetInt64(5));
        }
        var hasMore = entries.Count > pageSize;
        if (hasMore)
            entries.RemoveAt(entries.Count - 1);
        long? last = entries.Count > 0 ? positions[entries.Count - 1] : after >= 0 ? after : null;
        return LedgerResult<LedgerPage<LedgerLogEntry>>.Ok(new(pageSize, hasMore, last?.ToString(System.Globalization.CultureInfo.InvariantCulture), entries));
    }
}
