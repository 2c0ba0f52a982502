using System.Globalization;
using System.Numerics;
using Npgsql;

namespace WalletFlow.Adapters.Ledger;

public sealed partial class EmbeddedLedger
{
    public async Task<LedgerResult<LedgerInfo>> GetLedgerAsync(string ledger, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT bucket, metadata::text, added_at FROM ledger.ledgers WHERE name = $1");
        command.Parameters.AddWithValue(ledger);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return LedgerError.LedgerNotFound(ledger);
        return LedgerResult<LedgerInfo>.Ok(new LedgerInfo(ledger, reader.GetString(0), LedgerReads.Metadata(reader.GetString(1)), reader.GetFieldValue<DateTimeOffset>(2)));
    }

    public async Task<LedgerResult<LedgerTransaction>> GetTransactionAsync(string ledger, long id, bool withVolumes, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!await LedgerExistsAsync(connection, ledger, ct))
            return LedgerError.LedgerNotFound(ledger);
        return await LedgerReads.TransactionAsync(connection, ledger, id, withVolumes, ct) is { } transaction
            ? LedgerResult<LedgerTransaction>.Ok(transaction)
            : LedgerError.NotFound($"transaction {id} not found");
    }

    /// <summary>Transactions, newest first.</summary>
    public async Task<LedgerResult<LedgerPage<LedgerTransaction>>> ListTransactionsAsync(string ledger, LedgerQuery query, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var page = await PageAsync(connection, ledger, query, FilterTarget.Transactions,
            "SELECT t.id::text FROM ledger.transactions t", "t.id < {0}::bigint", "t.id DESC", ct);
        if (!page.Succeeded)
            return page.Error;
        var data = new List<LedgerTransaction>();
        foreach (var id in page.Value.Data)
            data.Add((await LedgerReads.TransactionAsync(connection, ledger, long.Parse(id, CultureInfo.InvariantCulture), withVolumes: false, ct))!);
        return LedgerResult<LedgerPage<LedgerTransaction>>.Ok(new(page.Value.PageSize, page.Value.HasMore, page.Value.Next, data));
    }

    /// <summary>Accounts in address order, with their volumes when asked.</summary>
    public Task<LedgerResult<LedgerPage<LedgerAccount>>> ListAccountsAsync(string ledger, LedgerQuery query, bool withVolumes, CancellationToken ct) =>
        ListAccountsAsync(ledger, query, pointInTime: null, withVolumes, ct);

    /// <summary>Accounts in address order with their volumes of the transactions dated up to <paramref name="pointInTime"/> (Formance's <c>pit</c>).</summary>
    public Task<LedgerResult<LedgerPage<LedgerAccount>>> ListAccountsAsync(string ledger, LedgerQuery query, DateTimeOffset pointInTime, CancellationToken ct) =>
        ListAccountsAsync(ledger, query, (DateTimeOffset?)pointInTime, withVolumes: true, ct);

    /// <summary>Accounts in address order; with <paramref name="pointInTime"/>, their volumes are those of the transactions dated up to then.</summary>
    public async Task<LedgerResult<LedgerPage<LedgerAccount>>> ListAccountsAsync(string ledger, LedgerQuery query, DateTimeOffset? pointInTime, bool withVolumes, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var page = await PageAsync(connection, ledger, query, FilterTarget.Accounts,
            "SELECT a.address FROM ledger.accounts a", "a.address COLLATE \"C\" > {0}", "a.address COLLATE \"C\"", ct);
        if (!page.Succeeded)
            return page.Error;
        var data = await AccountsAsync(connection, ledger, page.Value.Data, pointInTime, withVolumes, ct);
        return LedgerResult<LedgerPage<LedgerAccount>>.Ok(new(page.Value.PageSize, page.Value.HasMore, page.Value.Next, data));
    }

    /// <summary>
    /// One account; an address never used answers empty, as Formance does. With
    /// <paramref name="pointInTime"/>, volumes are those of the transactions dated up to then.
    /// </summary>
    public async Task<LedgerResult<LedgerAccount>> GetAccountAsync(string ledger, string address, DateTimeOffset? pointInTime, bool withVolumes, CancellationToken ct)
    {
        if (!LedgerSyntax.IsAddress(address))
            return LedgerError.Validation($"invalid account address '{address}'");
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!await LedgerExistsAsync(connection, ledger, ct))
            return LedgerError.LedgerNotFound(ledger);
        return LedgerResult<LedgerAccount>.Ok(await AccountAsync(connection, ledger, address, pointInTime, withVolumes, ct)
            ?? new LedgerAccount(address, Empty, null, withVolumes ? new Dictionary<string, Volumes>() : null));
    }

    /// <summary>Balances per asset summed over the accounts the filter matches, now or at a point in time.</summary>
    public async Task<LedgerResult<IReadOnlyDictionary<string, BigInteger>>> AggregateBalancesAsync(
        string ledger, LedgerQuery query, DateTimeOffset? pointInTime, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!await LedgerExistsAsync(connection, ledger, ct))
            return LedgerError.LedgerNotFound(ledger);
        var parameters = new List<NpgsqlParameter> { new() { Value = ledger } };
        var where = LedgerFilter.Compile(query.Filter, FilterTarget.Accounts, parameters);
        if (!where.Succeeded)
            return where.Error;
        string sql;
        if (pointInTime is { } pit)
        {
            parameters.Add(new NpgsqlParameter { Value = pit.ToUniversalTime() });
            sql = $"""
                SELECT m.asset, sum(CASE WHEN m.is_source THEN -m.amount ELSE m.amount END)
                FROM ledger.moves m JOIN ledger.accounts a ON a.ledger = m.ledger AND a.address = m.address
                WHERE m.ledger = $1 AND m.timestamp <= ${parameters.Count} AND ({where.Value})
                GROUP BY m.asset ORDER BY m.asset
                """;
        }
        else
        {
            sql = $"""
                SELECT v.asset, sum(v.input - v.output)
                FROM ledger.volumes v JOIN ledger.accounts a ON a.ledger = v.ledger AND a.address = v.address
                WHERE v.ledger = $1 AND ({where.Value})
                GROUP BY v.asset ORDER BY v.asset
                """;
        }
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters.ToArray());
        var balances = new SortedDictionary<string, BigInteger>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            balances[reader.GetString(0)] = reader.GetFieldValue<BigInteger>(1);
        return LedgerResult<IReadOnlyDictionary<string, BigInteger>>.Ok(balances);
    }

    // A page of accounts in two statements, not two per account: a full listing (the gates, the trial
    // balance) of 100k accounts is then a few thousand round trips instead of 200k (bench/README.md).
    private static async Task<List<LedgerAccount>> AccountsAsync(NpgsqlConnection connection, string ledger, IReadOnlyList<string> addresses,
        DateTimeOffset? pointInTime, bool withVolumes, CancellationToken ct)
    {
        var accounts = new Dictionary<string, LedgerAccount>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            "SELECT address, metadata::text, first_usage FROM ledger.accounts WHERE ledger = $1 AND address = ANY($2)", connection))
        {
            command.Parameters.AddWithValue(ledger);
            command.Parameters.AddWithValue(addresses.ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                accounts[reader.GetString(0)] = new LedgerAccount(reader.GetString(0), LedgerReads.Metadata(reader.GetString(1)), reader.GetFieldValue<DateTimeOffset>(2), null);
        }
        if (withVolumes)
        {
            await using var volumes = pointInTime is { } pit
                ? new NpgsqlCommand("""
                    SELECT address, asset, coalesce(sum(amount) FILTER (WHERE NOT is_source), 0), coalesce(sum(amount) FILTER (WHERE is_source), 0)
                    FROM ledger.moves WHERE ledger = $1 AND address = ANY($2) AND timestamp <= $3 GROUP BY address, asset
                    """, connection) { Parameters = { new() { Value = ledger }, new() { Value = addresses.ToArray() }, new() { Value = pit.ToUniversalTime() } } }
                : new NpgsqlCommand("SELECT address, asset, input, output FROM ledger.volumes WHERE ledger = $1 AND address = ANY($2)", connection)
                    { Parameters = { new() { Value = ledger }, new() { Value = addresses.ToArray() } } };
            var byAccount = new Dictionary<string, SortedDictionary<string, Volumes>>(StringComparer.Ordinal);
            await using var read = await volumes.ExecuteReaderAsync(ct);
            while (await read.ReadAsync(ct))
            {
                if (!byAccount.TryGetValue(read.GetString(0), out var byAsset))
                    byAccount[read.GetString(0)] = byAsset = new SortedDictionary<string, Volumes>(StringComparer.Ordinal);
                byAsset[read.GetString(1)] = new Volumes(read.GetFieldValue<BigInteger>(2), read.GetFieldValue<BigInteger>(3));
            }
            foreach (var (address, account) in accounts)
                accounts[address] = account with { Volumes = byAccount.TryGetValue(address, out var v) ? v : new SortedDictionary<string, Volumes>(StringComparer.Ordinal) };
        }
        return [.. addresses.Where(accounts.ContainsKey).Select(a => accounts[a])];
    }

    private static async Task<LedgerAccount?> AccountAsync(NpgsqlConnection connection, string ledger, string address,
        DateTimeOffset? pointInTime, bool withVolumes, CancellationToken ct)
    {
        LedgerAccount account;
        await using (var command = new NpgsqlCommand("SELECT metadata::text, first_usage FROM ledger.accounts WHERE ledger = $1 AND address = $2", connection))
        {
            command.Parameters.AddWithValue(ledger);
            command.Parameters.AddWithValue(address);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
                return null;
            account = new LedgerAccount(address, LedgerReads.Metadata(reader.GetString(0)), reader.GetFieldValue<DateTimeOffset>(1), null);
        }
        if (!withVolumes)
            return account;

        await using var volumes = pointInTime is { } pit
            ? new NpgsqlCommand("""
                SELECT asset, coalesce(sum(amount) FILTER (WHERE NOT is_source), 0), coalesce(sum(amount) FILTER (WHERE is_source), 0)
                FROM ledger.moves WHERE ledger = $1 AND address = $2 AND timestamp <= $3 GROUP BY asset
                """, connection) { Parameters = { new() { Value = ledger }, new() { Value = address }, new() { Value = pit.ToUniversalTime() } } }
            : new NpgsqlCommand("SELECT asset, input, output FROM ledger.volumes WHERE ledger = $1 AND address = $2", connection)
                { Parameters = { new() { Value = ledger }, new() { Value = address } } };
        var byAsset = new SortedDictionary<string, Volumes>(StringComparer.Ordinal);
        await using var read = await volumes.ExecuteReaderAsync(ct);
        while (await read.ReadAsync(ct))
            byAsset[read.GetString(0)] = new Volumes(read.GetFieldValue<BigInteger>(1), read.GetFieldValue<BigInteger>(2));
        return account with { Volumes = byAsset };
    }

    // Keyset paging: the cursor holds the last key of the page and the query that made it.
    private static async Task<LedgerResult<LedgerPage<string>>> PageAsync(NpgsqlConnection connection, string ledger, LedgerQuery query,
        FilterTarget target, string select, string afterCondition, string orderBy, CancellationToken ct)
    {
        if (!await LedgerExistsAsync(connection, ledger, ct))
            return LedgerError.LedgerNotFound(ledger);
        var (pageSize, filter, after) = (query.PageSize, query.Filter, (string?)null);
        if (query.Cursor is { } text)
        {
            var cursor = LedgerCursor.Decode(text);
            if (!cursor.Succeeded)
                return cursor.Error;
            // A cursor comes back from the client, who can forge one: its key must be the key it
            // stands for (a bigint id, an address), or PostgreSQL refuses the query and the API answers 500.
            var key = cursor.Value.After;
            if (!(target == FilterTarget.Transactions
                    ? long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                    : LedgerSyntax.IsAddress(key)))
                return LedgerError.Validation("invalid cursor");
            (pageSize, filter, after) = (cursor.Value.PageSize, cursor.Value.Filter, cursor.Value.After);
        }
        if (pageSize is < 1 or > LedgerQuery.MaxPageSize)
            return LedgerError.Validation($"pageSize must be between 1 and {LedgerQuery.MaxPageSize}");

        var parameters = new List<NpgsqlParameter> { new() { Value = ledger } };
        var where = LedgerFilter.Compile(filter, target, parameters);
        if (!where.Succeeded)
            return where.Error;
        var alias = target == FilterTarget.Accounts ? "a" : "t";
        var sql = $"{select} WHERE {alias}.ledger = $1 AND ({where.Value})";
        if (after is not null)
        {
            parameters.Add(new NpgsqlParameter { Value = after });
            sql += " AND " + string.Format(CultureInfo.InvariantCulture, afterCondition, $"${parameters.Count}");
        }
        sql += $" ORDER BY {orderBy} LIMIT {pageSize + 1}";

        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters.ToArray());
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                keys.Add(reader.GetString(0));
        var hasMore = keys.Count > pageSize;
        if (hasMore)
            keys.RemoveAt(keys.Count - 1);
        var next = hasMore ? new LedgerCursor(keys[^1], pageSize, filter).Encode() : null;
        return LedgerResult<LedgerPage<string>>.Ok(new LedgerPage<string>(pageSize, hasMore, next, keys));
    }
}
