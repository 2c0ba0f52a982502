using System.Numerics;
using System.Text.Json;
using Npgsql;

namespace WalletFlow.Adapters.Ledger;

/// <summary>What <see cref="LedgerVerifier"/> found in one ledger; no problems means it verified.</summary>
public sealed record LedgerVerification(string Ledger, long LogEntries, long Transactions, IReadOnlyList<string> Problems)
{
    public bool Verified => Problems.Count == 0;
}

/// <summary>
/// Recomputes what the ledger derives and compares it with what it stored: the log's hash chain from
/// its entries, each transaction's postings against the log entry that wrote them, the moves against
/// the postings, and every (account, asset) volume from the moves. Each check reports its first
/// mismatch, in log order, so an operator starts from the earliest damage.
/// </summary>
public sealed class LedgerVerifier(NpgsqlDataSource dataSource)
{
    private readonly LogSealer _sealer = new(dataSource);

    public async Task<IReadOnlyList<string>> LedgersAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT name FROM ledger.ledgers ORDER BY name");
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            names.Add(reader.GetString(0));
        return names;
    }

    public async Task<LedgerVerification> VerifyAsync(string ledger, CancellationToken ct)
    {
        var problems = new List<string>();
        // Seal what has committed, so the chain covers everything written before this call.
        await _sealer.SealAsync(ledger, ct);
        // One snapshot for every check, so a busy ledger verifies against a consistent state.
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);

        var (entries, loggedPostings) = await VerifyLogChainAsync(connection, ledger, problems, ct);
        var transactions = await VerifyPostingsAgainstLogAsync(connection, ledger, loggedPostings, problems, ct);
        await FirstRowAsync(connection, ledger, problems, """
            SELECT 'transaction ' || p.tx_id || ' posting ' || p.seq || ': its moves do not match the posting'
            FROM ledger.postings p
            LEFT JOIN ledger.moves s ON s.ledger = p.ledger AND s.tx_id = p.tx_id AND s.seq = p.seq AND s.is_source
            LEFT JOIN ledger.moves d ON d.ledger = p.ledger AND d.tx_id = p.tx_id AND d.seq = p.seq AND NOT d.is_source
            WHERE p.ledger = $1 AND (s.address IS DISTINCT FROM p.source OR d.address IS DISTINCT FROM p.destination
                OR s.amount IS DISTINCT FROM p.amount OR d.amount IS DISTINCT FROM p.amount
                OR s.asset IS DISTINCT FROM p.asset OR d.asset IS DISTINCT FROM p.asset)
            ORDER BY p.tx_id, p.seq LIMIT 1
            """, ct);
        await FirstRowAsync(connection, ledger, problems, """
            WITH sums AS (
                SELECT address, asset, sum(amount) FILTER (WHERE NOT is_source) AS input, sum(amount) FILTER (WHERE is_source) AS output
                FROM ledger.moves WHERE ledger = $1 GROUP BY address, asset)
            SELECT 'volumes of ' || coalesce(v.address, s.address) || ' ' || coalesce(v.asset, s.asset) || ': stored input '
                   || coalesce(v.input, 0) || ' output ' || coalesce(v.output, 0) || ', recomputed input '
                   || coalesce(s.input, 0) || ' output ' || coalesce(s.output, 0)
            FROM (SELECT * FROM ledger.volumes WHERE ledger = $1) v
            FULL JOIN sums s ON s.address = v.address AND s.asset = v.asset
            WHERE coalesce(v.input, 0) <> coalesce(s.input, 0) OR coalesce(v.output, 0) <> coalesce(s.output, 0)
            ORDER BY 1 LIMIT 1
            """, ct);
        return new LedgerVerification(ledger, entries, transactions, problems);
    }

    // Walks the sealed entries in chain order (then any committed since the seal above, unhashed).
    private static async Task<(long Entries, Dictionary<long, (long LogId, List<Posting> Postings)> Postings)> VerifyLogChainAsync(
        NpgsqlConnection connection, string ledger, List<string> problems, CancellationToken ct)
    {
        var logged = new Dictionary<long, (long, List<Posting>)>();
        byte[]? previous = null;
        long entries = 0, position = 0;
        var chainBroken = false;
        await using (var command = new NpgsqlCommand(
            "SELECT id, type, data::text, date, hash, chain_position FROM ledger.logs WHERE ledger = $1 ORDER BY chain_position NULLS LAST, id", connection))
        {
            command.Parameters.AddWithValue(ledger);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var (id, type, data, date) = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3));
                entries++;
                if (!reader.IsDBNull(4) && !chainBroken)
                {
                    var (hash, at) = (reader.GetFieldValue<byte[]>(4), reader.IsDBNull(5) ? -1 : reader.GetInt64(5));
                    if (at != position)
                        chainBroken = Problem(problems, $"log chain position {position} is missing (next sealed entry is log entry {id} at {at})");
                    else if (!LogChain.Hash(previous, id, type, date, data).AsSpan().SequenceEqual(hash))
                        chainBroken = Problem(problems, $"log entry {id} ({type}): its hash does not match its content and the previous entry");
                    previous = hash;
                    position++;
                }
                if (type is EmbeddedLedger.NewTransactionLog or EmbeddedLedger.RevertedTransactionLog)
                {
                    var transaction = JsonDocument.Parse(data).RootElement.GetProperty("transaction").Deserialize<LoggedTransaction>(LedgerJson.Options)!;
                    logged[transaction.Id] = (id, transaction.Postings);
                }
            }
        }
        await using (var tail = new NpgsqlCommand("SELECT chained_entries, last_log_hash FROM ledger.ledgers WHERE name = $1", connection))
        {
            tail.Parameters.AddWithValue(ledger);
            await using var reader = await tail.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
                Problem(problems, $"ledger {ledger} does not exist");
            else if (!chainBroken && (reader.GetInt64(0) != position
                     || !(reader.IsDBNull(1) ? previous is null : previous is not null && reader.GetFieldValue<byte[]>(1).AsSpan().SequenceEqual(previous))))
                Problem(problems, $"the ledger's chain head ({reader.GetInt64(0)} entries) does not match the last sealed entry (position {position - 1})");
        }
        return (entries, logged);
    }

    private static async Task<long> VerifyPostingsAgainstLogAsync(NpgsqlConnection connection, string ledger,
        Dictionary<long, (long LogId, List<Posting> Postings)> logged, List<string> problems, CancellationToken ct)
    {
        var stored = new Dictionary<long, List<Posting>>();
        await using (var command = new NpgsqlCommand(
            "SELECT t.id, p.source, p.destination, p.amount, p.asset FROM ledger.transactions t LEFT JOIN ledger.postings p ON p.ledger = t.ledger AND p.tx_id = t.id WHERE t.ledger = $1 ORDER BY t.id, p.seq", connection))
        {
            command.Parameters.AddWithValue(ledger);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var postings = stored.TryGetValue(reader.GetInt64(0), out var list) ? list : stored[reader.GetInt64(0)] = [];
                if (!reader.IsDBNull(1))
                    postings.Add(new Posting(reader.GetString(1), reader.GetString(2), reader.GetFieldValue<BigInteger>(3), reader.GetString(4)));
            }
        }
        foreach (var id in stored.Keys.Union(logged.Keys).Order())
        {
            if (!logged.TryGetValue(id, out var log))
                return Problem(problems, $"transaction {id} has no log entry", stored.Count);
            if (!stored.TryGetValue(id, out var postings))
                return Problem(problems, $"transaction {id} of log entry {log.LogId} is missing", stored.Count);
            if (!postings.SequenceEqual(log.Postings))
                return Problem(problems, $"transaction {id}: its postings differ from log entry {log.LogId}", stored.Count);
        }
        return stored.Count;
    }

    private static async Task FirstRowAsync(NpgsqlConnection connection, string ledger, List<string> problems, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(ledger);
        if (await command.ExecuteScalarAsync(ct) is string problem)
            problems.Add(problem);
    }

    private static T Problem<T>(List<string> problems, string problem, T value)
    {
        problems.Add(problem);
        return value;
    }

    private static bool Problem(List<string> problems, string problem)
    {
        problems.Add(problem);
        return true;
    }

    private sealed record LoggedTransaction(long Id, List<Posting> Postings);
}
