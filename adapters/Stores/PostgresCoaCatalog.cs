using Npgsql;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Stores;

/// <summary>
/// walletflow.coa_versions, coa_entries and coa_event_gl: each published chart is a new version,
/// never changed afterwards, with who stored it and when; the current one is the highest.
/// </summary>
public sealed class PostgresCoaCatalog(NpgsqlDataSource dataSource, TimeProvider clock) : ICoaCatalog
{
    // Serialises publishers (two hosts starting at once) so versions stay consecutive.
    private const long PublishLock = 0x0C0A_0008;

    public async Task<CoaSnapshot?> GetCurrentAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        int version;
        string source;
        string publishedBy;
        DateTimeOffset publishedAt;
        await using (var command = new NpgsqlCommand("SELECT version, source, published_at, published_by FROM walletflow.coa_versions ORDER BY version DESC LIMIT 1", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
                return null;
            (version, source, publishedAt, publishedBy) = (reader.GetInt32(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3));
        }

        var entries = new List<CoaEntry>();
        await using (var command = new NpgsqlCommand("""
            SELECT gl_code, name, class, normal_balance, address_pattern, description
            FROM walletflow.coa_entries WHERE version = $1 ORDER BY position
            """, connection) { Parameters = { new() { Value = version } } })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                entries.Add(new CoaEntry(reader.GetString(0), reader.GetString(1),
                    CoaWords.ParseClass(reader.GetString(2)) ?? throw new InvalidOperationException($"coa_entries v{version}: unknown class '{reader.GetString(2)}'"),
                    CoaWords.ParseNormalBalance(reader.GetString(3)) ?? throw new InvalidOperationException($"coa_entries v{version}: unknown normal balance '{reader.GetString(3)}'"),
                    AddressPattern.Parse(reader.GetString(4)), reader.GetString(5)));
        }

        var legs = new List<EventGlEntry>();
        await using (var command = new NpgsqlCommand("""
            SELECT template, leg, description, debit_gl, credit_gl
            FROM walletflow.coa_event_gl WHERE version = $1 ORDER BY position
            """, connection) { Parameters = { new() { Value = version } } })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                legs.Add(new EventGlEntry(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }
        return new CoaSnapshot(version, publishedAt, source, publishedBy, new ChartOfAccounts(entries), legs);
    }

    public async Task<CoaSnapshot> PublishAsync(
        ChartOfAccounts chart, IReadOnlyList<EventGlEntry> eventGl, string source, string publishedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(eventGl);
        var publishedAt = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction) { Parameters = { new() { Value = PublishLock } } })
            await command.ExecuteNonQueryAsync(cancellationToken);
        int version;
        await using (var command = new NpgsqlCommand("""
            INSERT INTO walletflow.coa_versions (version, source, published_at, published_by)
            SELECT coalesce(max(version), 0) + 1, $1, $2, $3 FROM walletflow.coa_versions
            RETURNING version
            """, connection, transaction) { Parameters = { new() { Value = source }, new() { Value = publishedAt }, new() { Value = publishedBy } } })
            version = (int)(await command.ExecuteScalarAsync(cancellationToken))!;

        await using var batch = new NpgsqlBatch(connection, transaction);
        var position = 0;
        foreach (var e in chart.Entries)
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO walletflow.coa_entries (version, position, gl_code, name, class, normal_balance, address_pattern, description)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """)
            {
                Parameters =
                {
                    new() { Value = version }, new() { Value = ++position }, new() { Value = e.GlCode }, new() { Value = e.Name },
                    new() { Value = CoaWords.Word(e.Class) }, new() { Value = CoaWords.Word(e.NormalBalance) },
                    new() { Value = e.Pattern.Text }, new() { Value = e.Description },
                },
            });
        position = 0;
        foreach (var leg in eventGl)
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO walletflow.coa_event_gl (version, position, template, leg, description, debit_gl, credit_gl) VALUES ($1, $2, $3, $4, $5, $6, $7)
                """)
            {
                Parameters =
                {
                    new() { Value = version }, new() { Value = ++position }, new() { Value = leg.Template }, new() { Value = leg.Leg },
                    new() { Value = leg.Description }, new() { Value = leg.DebitGl }, new() { Value = leg.CreditGl },
                },
            });
        if (batch.BatchCommands.Count > 0)
            await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Read back what was stored, in the order the current version is always read.
        return await GetCurrentAsync(cancellationToken) is { Version: var v } stored && v == version
            ? stored
            : new CoaSnapshot(version, publishedAt, source, publishedBy, chart, [.. eventGl]);
    }
}
