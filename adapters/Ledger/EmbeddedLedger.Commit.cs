using System.Numerics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace WalletFlow.Adapters.Ledger;

public sealed partial class EmbeddedLedger
{
    private async Task<LedgerResult<LedgerTransaction>> CommitAsync(
        NpgsqlConnection connection, string ledger, IReadOnlyList<Posting> postings, IReadOnlyDictionary<string, string> metadata,
        string? reference, DateTimeOffset? timestamp, bool checkFunds,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> accountMetadata, string? idempotencyKey, byte[]? requestHash,
        string logType, LedgerTransaction? reverted, bool commitInBatch, CancellationToken ct)
    {
        // ledger.write_transaction (adapters/Postgres/Functions) does the rest in one statement: lock the volumes in
        // (address, asset) order, check funds posting by posting as Formance does (a later posting
        // cannot pay for an earlier one; world alone may go negative), take ids from the ledger's
        // sequences, write every row. The log entry's text names the transaction id, which the
        // server substitutes for the placeholder.
        var insertedAt = LogChain.ToMicroseconds(time.GetUtcNow());
        var at = LogChain.ToMicroseconds(timestamp ?? insertedAt);
        var transaction = new LedgerTransaction(IdPlaceholder, at, insertedAt, postings, reference, metadata, Reverted: false, RevertedAt: null);
        // Formance's log payloads: V2LogDataRevertedTransaction for a revert (the original, now marked
        // reverted at this write, and the reversal), V2LogDataNewTransaction otherwise.
        var logData = JsonSerializer.Serialize(reverted is not null
            ? new { revertedTransaction = reverted with { Reverted = true, RevertedAt = insertedAt }, transaction } as object
            : new { transaction, accountMetadata }, LedgerJson.Options);

        await using var batch = new NpgsqlBatch(connection);
        Add(batch, "SELECT tx_id, pre::text, post::text FROM ledger.write_transaction($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
            ledger, postings.Select(p => p.Source).ToArray(), postings.Select(p => p.Destination).ToArray(),
            postings.Select(p => p.Asset).ToArray(), postings.Select(p => p.Amount).ToArray(), checkFunds, at, insertedAt,
            (object?)reference ?? DBNull.Value, Jsonb(metadata),
            new NpgsqlParameter { Value = JsonSerializer.Serialize(accountMetadata, LedgerJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb },
            logType, logData, IdPlaceholderJson,
            new NpgsqlParameter { Value = (object?)idempotencyKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = (object?)requestHash ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
        // Ending the batch with COMMIT releases the wallets' locks without waiting for one more round
        // trip. If the write fails, PostgreSQL skips the rest, COMMIT included.
        if (commitInBatch)
            Add(batch, "COMMIT");
        long txId;
        string pre, post;
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (txId, pre, post) = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
            while (await reader.NextResultAsync(ct))
            {
                // drain: a failing statement throws here
            }
        }
        catch (PostgresException e) when (e.SqlState == InsufficientFundState)
        {
            return PostingsShortfall(e.MessageText);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "transactions_reference")
        {
            return LedgerError.Conflict($"a transaction with reference '{reference}' already exists");
        }

        return LedgerResult<LedgerTransaction>.Ok(transaction with
        {
            Id = txId,
            PreCommitVolumes = VolumesByAccount(pre),
            PostCommitVolumes = VolumesByAccount(post),
        });
    }

    /// <summary>The SQLSTATE ledger.write_transaction raises for a shortfall.</summary>
    private const string InsufficientFundState = "WF001";

    // {"address asset": [input, output], …} as ledger.write_transaction returns it, in (address, asset)
    // order, as a replay reads them back, so a replay's answer is the original's to the byte.
    private static Dictionary<string, IReadOnlyDictionary<string, Volumes>> VolumesByAccount(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, BigInteger[]>>(json, LedgerJson.Options)!
            .Select(kv => (Key: kv.Key.Split(' '), Volumes: new Volumes(kv.Value[0], kv.Value[1])))
            .OrderBy(x => x.Key[0], StringComparer.Ordinal).ThenBy(x => x.Key[1], StringComparer.Ordinal)
            .GroupBy(x => x.Key[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, Volumes>)g.ToDictionary(x => x.Key[1], x => x.Volumes, StringComparer.Ordinal), StringComparer.Ordinal);

    // Stands for the transaction id in the log entry's text until the server substitutes it.
    private const long IdPlaceholder = long.MinValue;
    private static readonly string IdPlaceholderJson = $"\"id\":{IdPlaceholder.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    // ledger.lock_volumes (adapters/Postgres/Functions) holds the one lock order of every writer; a Numscript run
    // takes its locks through it too, before the interpreter reads the balances.
    private static async Task<Dictionary<(string, string), Volumes>> LockVolumesAsync(
        NpgsqlConnection connection, string ledger, IReadOnlyList<(string Address, string Asset)> pairs, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT out_address, out_asset, out_input, out_output FROM ledger.lock_volumes($1, $2, $3)", connection);
        command.Parameters.AddWithValue(ledger);
        command.Parameters.AddWithValue(pairs.Select(p => p.Address).ToArray());
        command.Parameters.AddWithValue(pairs.Select(p => p.Asset).ToArray());
        var volumes = new Dictionary<(string, string), Volumes>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            volumes[(reader.GetString(0), reader.GetString(1))] = new Volumes(reader.GetFieldValue<BigInteger>(2), reader.GetFieldValue<BigInteger>(3));
        return volumes;
    }

    private static void Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        batch.BatchCommands.Add(command);
    }

    private static NpgsqlParameter Jsonb(IReadOnlyDictionary<string, string> metadata) =>
        new() { Value = JsonSerializer.Serialize(metadata, LedgerJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb };
}
