using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace WalletFlow.Adapters.Ledger;

/// <summary>
/// Scripts run and checked inside a caller's transaction, their rows not yet written:
/// <see cref="Answers"/> says what each got; <see cref="AddTo"/> adds the writes to the caller's batch.
/// </summary>
public sealed class StagedScripts
{
    private readonly IReadOnlyList<EmbeddedLedger.StagedRow> _rows;
    private readonly IReadOnlyList<(string Address, string Asset, Volumes Volumes)> _volumes;
    private readonly string _ledger;

    internal StagedScripts(LedgerResult<LedgerTransaction>[] answers, IReadOnlyList<EmbeddedLedger.StagedRow> rows,
        IReadOnlyList<(string, string, Volumes)> volumes, string ledger)
    {
        Answers = answers;
        _rows = rows;
        _volumes = volumes;
        _ledger = ledger;
    }

    /// <summary>One answer per script, in order: the transaction it will be once the batch commits, the original of a replay, or its refusal.</summary>
    public IReadOnlyList<LedgerResult<LedgerTransaction>> Answers { get; }

    /// <summary>Whether any script has rows to write.</summary>
    public bool Writes => _rows.Count > 0;

    /// <summary>Adds the transactions, postings, moves, accounts, log entries, keys and new volumes to <paramref name="batch"/>.</summary>
    public void AddTo(NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_rows.Count == 0)
            return;
        var n = _rows.Count;
        var postings = _rows.SelectMany((r, i) => r.Transaction.Postings.Select(p => (Tx: i + 1, Posting: p))).ToList();
        Add(batch, """
            SELECT ledger.insert_transactions($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            """,
            Enumerable.Repeat(_ledger, n).ToArray(), _rows.Select(r => r.Transaction.Id).ToArray(),
            _rows.Select(r => r.Transaction.Timestamp).ToArray(), _rows.Select(r => r.Transaction.InsertedAt).ToArray(),
            new NpgsqlParameter { Value = _rows.Select(r => r.Transaction.Reference).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new NpgsqlParameter { Value = _rows.Select(r => JsonSerializer.Serialize(r.Transaction.Metadata, LedgerJson.Options)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
            _rows.Select(r => r.LogId).ToArray(), Enumerable.Repeat(EmbeddedLedger.NewTransactionLog, n).ToArray(),
            _rows.Select(r => r.LogData).ToArray(), "\"id\":-1",
            new NpgsqlParameter { Value = _rows.Select(r => r.Key).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            _rows.Select(r => r.Hash).ToArray(),
            postings.Select(p => p.Tx).ToArray(), postings.Select(p => p.Posting.Source).ToArray(), postings.Select(p => p.Posting.Destination).ToArray(),
            postings.Select(p => p.Posting.Asset).ToArray(), postings.Select(p => p.Posting.Amount).ToArray());
        Add(batch, """
            UPDATE ledger.volumes v SET input = u.i, output = u.o
            FROM unnest($2::text[], $3::text[], $4::numeric[], $5::numeric[]) AS u(a, s, i, o)
            WHERE v.ledger = $1 AND v.address = u.a AND v.asset = u.s
            """, _ledger, _volumes.Select(v => v.Address).ToArray(), _volumes.Select(v => v.Asset).ToArray(),
            _volumes.Select(v => v.Volumes.Input).ToArray(), _volumes.Select(v => v.Volumes.Output).ToArray());
        var accountMetadata = _rows.SelectMany(r => r.AccountMetadata.Select(m => (Address: m.Key, Metadata: m.Value, r.Transaction.InsertedAt))).ToList();
        foreach (var (address, metadata, at) in accountMetadata)
        {
            Add(batch, """
                INSERT INTO ledger.accounts (ledger, address, first_usage, insertion_date, updated_at, metadata) VALUES ($1, $2, $4, $4, $4, $3)
                ON CONFLICT (ledger, address) DO UPDATE SET metadata = ledger.accounts.metadata || EXCLUDED.metadata, updated_at = EXCLUDED.updated_at
                """, _ledger, address,
                new NpgsqlParameter { Value = JsonSerializer.Serialize(metadata, LedgerJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb }, at);
        }
    }

    private static void Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        batch.BatchCommands.Add(command);
    }
}
