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
        string logType, long? revertOf, bool commitInBatch, CancellationToken ct)
    {
        var pairs = postings.SelectMany(p => new[] { (Address: p.Source, p.Asset), (Address: p.Destination, p.Asset) })
            .Distinct().Order(AccountAssetOrder.Instance).ToList();
        var before = await LockVolumesAsync(connection, ledger, pairs, ct);

        // Funds are checked posting by posting, in order, as Formance does: a later posting cannot
        // pay for an earlier one. world is the only account that may go negative.
        var working = new Dictionary<(string, string), Volumes>(before);
        foreach (var p in postings)
        {
            var source = working[(p.Source, p.Asset)];
            if (checkFunds && p.Source != LedgerSyntax.World && source.Balance < p.Amount)
                return new LedgerError(LedgerErrorCodes.InsufficientFund,
                    $"account '{p.Source}' has insufficient funds of {p.Asset}: needed {p.Amount}, available {BigInteger.Max(source.Balance, 0)}");
            working[(p.Source, p.Asset)] = source with { Output = source.Output + p.Amount };
            var destination = working[(p.Destination, p.Asset)];
            working[(p.Destination, p.Asset)] = destination with { Input = destination.Input + p.Amount };
        }

        // Everything from here is one round trip: ids from the ledger's sequences (no ledger-wide
        // lock, and only now that funds are checked, so a refusal burns no id), then the rows. The log
        // entry's text names the transaction id, which only the server knows until the batch runs.
        var insertedAt = LogChain.ToMicroseconds(time.GetUtcNow());
        var at = LogChain.ToMicroseconds(timestamp ?? insertedAt);
        var transaction = new LedgerTransaction(IdPlaceholder, at, insertedAt, postings, reference, metadata, Reverted: false, RevertedAt: null);
        var logData = JsonSerializer.Serialize(revertOf is { } reverted
            ? new { revertedTransactionID = reverted, transaction } as object
            : new { transaction, accountMetadata }, LedgerJson.Options);

        await using var batch = new NpgsqlBatch(connection);
        Add(batch, $"SELECT nextval({TxIds}), nextval({LogIds})", ledger);
        Add(batch, $"INSERT INTO ledger.transactions (ledger, id, timestamp, inserted_at, reference, metadata) VALUES ($1, currval({TxIds}), $2, $3, $4, $5)",
            ledger, at, insertedAt, (object?)reference ?? DBNull.Value, Jsonb(metadata));
        Add(batch, $"""
            INSERT INTO ledger.postings (ledger, tx_id, seq, source, destination, asset, amount)
            SELECT $1, currval({TxIds}), p.seq, p.source, p.destination, p.asset, p.amount
            FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::numeric[]) AS p(seq, source, destination, asset, amount)
            """,
            ledger, Enumerable.Range(0, postings.Count).ToArray(), postings.Select(p => p.Source).ToArray(),
            postings.Select(p => p.Destination).ToArray(), postings.Select(p => p.Asset).ToArray(), postings.Select(p => p.Amount).ToArray());
        Add(batch, $"""
            INSERT INTO ledger.moves (ledger, tx_id, seq, is_source, address, asset, amount, timestamp)
            SELECT $1, currval({TxIds}), m.seq, m.is_source, m.address, m.asset, m.amount, $2
            FROM unnest($3::int[], $4::text[], $5::text[], $6::numeric[], $7::boolean[]) AS m(seq, address, asset, amount, is_source)
            """,
            ledger, at,
            Enumerable.Range(0, postings.Count).SelectMany(i => new[] { i, i }).ToArray(),
            postings.SelectMany(p => new[] { p.Source, p.Destination }).ToArray(),
            postings.SelectMany(p => new[] { p.Asset, p.Asset }).ToArray(),
            postings.SelectMany(p => new[] { p.Amount, p.Amount }).ToArray(),
            postings.SelectMany(_ => SourceThenDestination).ToArray());
        var addresses = pairs.Select(p => p.Address).Distinct().ToArray(); // already in address order
        Add(batch, """
            INSERT INTO ledger.accounts (ledger, address, first_usage, insertion_date, updated_at)
            SELECT $1, a, $3, $4, $4 FROM unnest($2::text[]) AS a ORDER BY a
            ON CONFLICT (ledger, address) DO UPDATE SET first_usage = LEAST(ledger.accounts.first_usage, EXCLUDED.first_usage)
            """, ledger, addresses, at, insertedAt);
        Add(batch, """
            UPDATE ledger.volumes v SET input = d.input, output = d.output
            FROM unnest($2::text[], $3::text[], $4::numeric[], $5::numeric[]) AS d(address, asset, input, output)
            WHERE v.ledger = $1 AND v.address = d.address AND v.asset = d.asset
            """, ledger, pairs.Select(p => p.Address).ToArray(), pairs.Select(p => p.Asset).ToArray(),
            pairs.Select(p => working[p].Input).ToArray(), pairs.Select(p => working[p].Output).ToArray());
        // The entry is written unhashed; LogSealer chains it after commit (see migration 0003).
        Add(batch, $"INSERT INTO ledger.logs (ledger, id, type, data, date) VALUES ($1, currval({LogIds}), $2, replace($3, $4, '\"id\":' || currval({TxIds}))::json, $5)",
            ledger, logType, logData, IdPlaceholderJson, insertedAt);
        foreach (var (address, values) in accountMetadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            Add(batch, """
                INSERT INTO ledger.accounts (ledger, address, first_usage, insertion_date, updated_at, metadata) VALUES ($1, $2, $3, $3, $3, $4)
                ON CONFLICT (ledger, address) DO UPDATE SET metadata = ledger.accounts.metadata || EXCLUDED.metadata, updated_at = EXCLUDED.updated_at
                """, ledger, address, insertedAt, Jsonb(values));
        if (idempotencyKey is not null)
            Add(batch, $"INSERT INTO ledger.idempotency_keys (ledger, key, request_hash, tx_id) VALUES ($1, $2, $3, currval({TxIds}))",
                ledger, idempotencyKey, requestHash!);
        // Ending the batch with COMMIT releases the wallets' locks without waiting for one more round
        // trip. If any statement fails, PostgreSQL skips the rest, COMMIT included.
        if (commitInBatch)
            Add(batch, "COMMIT");
        long txId;
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            txId = reader.GetInt64(0);
            while (await reader.NextResultAsync(ct))
            {
                // drain: a failing statement throws here
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "transactions_reference")
        {
            return LedgerError.Conflict($"a transaction with reference '{reference}' already exists");
        }

        return LedgerResult<LedgerTransaction>.Ok(transaction with
        {
            Id = txId,
            PreCommitVolumes = ByAccount(pairs, before),
            PostCommitVolumes = ByAccount(pairs, working),
        });
    }

    // The ledger's id sequences (migration 0003), by the ledger's number; every statement's $1 is the ledger.
    private const string TxIds = "format('ledger.tx_ids_%s', (SELECT number FROM ledger.ledgers WHERE name = $1))::regclass";
    private const string LogIds = "format('ledger.log_ids_%s', (SELECT number FROM ledger.ledgers WHERE name = $1))::regclass";

    // Stands for the transaction id in the log entry's text until the server substitutes it.
    private const long IdPlaceholder = long.MinValue;
    private static readonly string IdPlaceholderJson = $"\"id\":{IdPlaceholder.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    // New (account, asset) rows are created at zero, then every row the write touches is locked in
    // (address, asset) order. Two writers over the same accounts queue instead of deadlocking.
    private static async Task<Dictionary<(string, string), Volumes>> LockVolumesAsync(
        NpgsqlConnection connection, string ledger, IReadOnlyList<(string Address, string Asset)> pairs, CancellationToken ct)
    {
        var addresses = pairs.Select(p => p.Address).ToArray();
        var assets = pairs.Select(p => p.Asset).ToArray();
        await using var batch = new NpgsqlBatch(connection);
        Add(batch, """
            INSERT INTO ledger.volumes (ledger, address, asset)
            SELECT $1, t.address, t.asset FROM unnest($2::text[], $3::text[]) AS t(address, asset)
            ORDER BY t.address COLLATE "C", t.asset COLLATE "C"
            ON CONFLICT DO NOTHING
            """, ledger, addresses, assets);
        Add(batch, """
            SELECT v.address, v.asset, v.input, v.output FROM ledger.volumes v
            JOIN unnest($2::text[], $3::text[]) AS t(address, asset) ON v.address = t.address AND v.asset = t.asset
            WHERE v.ledger = $1
            ORDER BY v.address COLLATE "C", v.asset COLLATE "C"
            FOR UPDATE OF v
            """, ledger, addresses, assets);
        var volumes = new Dictionary<(string, string), Volumes>();
        // Npgsql's reader skips statements without a result set: it starts at the SELECT.
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            volumes[(reader.GetString(0), reader.GetString(1))] = new Volumes(reader.GetFieldValue<BigInteger>(2), reader.GetFieldValue<BigInteger>(3));
        return volumes;
    }

    private static readonly bool[] SourceThenDestination = [true, false];

    private static Dictionary<string, IReadOnlyDictionary<string, Volumes>> ByAccount(
        IEnumerable<(string Address, string Asset)> pairs, Dictionary<(string, string), Volumes> volumes) =>
        pairs.GroupBy(p => p.Address).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<string, Volumes>)g.ToDictionary(p => p.Asset, p => volumes[p]));

    private static void Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        batch.BatchCommands.Add(command);
    }

    private static NpgsqlParameter Jsonb(IReadOnlyDictionary<string, string> metadata) =>
        new() { Value = JsonSerializer.Serialize(metadata, LedgerJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb };

    /// <summary>Ordinal (address, asset) order: the one lock order of every writer.</summary>
    private sealed class AccountAssetOrder : IComparer<(string Address, string Asset)>
    {
        public static readonly AccountAssetOrder Instance = new();

        public int Compare((string Address, string Asset) x, (string Address, string Asset) y)
        {
            var byAddress = string.CompareOrdinal(x.Address, y.Address);
            return byAddress != 0 ? byAddress : string.CompareOrdinal(x.Asset, y.Asset);
        }
    }
}
