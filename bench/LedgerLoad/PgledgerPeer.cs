using Npgsql;

namespace WalletFlow.Bench.LedgerLoad;

/// <summary>
/// The pgledger peer (../shared/peers/pgledger) in its own database of the same cluster: its SQL
/// loaded with psql as its README says, 50 + 10 accounts that may not go negative (bounded, like
/// walletflow's wallets) funded from a world account that may, and its xfer50/xfer10 pgbench scripts.
/// </summary>
internal sealed class PgledgerPeer(BenchCluster cluster, string directory)
{
    public static string DefaultDirectory => "/work/shared/peers/pgledger";

    public string Script(int wallets) => Path.Combine(directory, wallets == 10 ? "xfer10.sql" : "xfer50.sql");

    public async Task LoadAsync(CancellationToken ct)
    {
        await cluster.RunClientAsync("psql", [
            "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
            "-f", "vendor/scoville-pgsql-ulid/ulid-to-uuid.sql", "-f", "vendor/scoville-pgsql-ulid/uuid-to-ulid.sql",
            "-f", "pgledger.sql", BenchCluster.PgledgerDb], ct, directory);
        await ExecuteAsync("""
            CREATE TABLE bench_world AS SELECT (pgledger_create_account('world', 'USD')).id AS id;
            CREATE TABLE bench_acct (i int PRIMARY KEY, id text NOT NULL);
            INSERT INTO bench_acct SELECT g, (pgledger_create_account('acct' || g, 'USD', false)).id FROM generate_series(1, 50) g;
            CREATE TABLE bench_acct10 (i int PRIMARY KEY, id text NOT NULL);
            INSERT INTO bench_acct10 SELECT g, (pgledger_create_account('hot' || g, 'USD', false)).id FROM generate_series(1, 10) g;
            SELECT count(*) FROM bench_world w, (SELECT id FROM bench_acct UNION ALL SELECT id FROM bench_acct10) a,
                LATERAL pgledger_create_transfer(w.id, a.id, 1000000.00) t;
            """, ct);
        await ExecuteAsync("VACUUM ANALYZE", ct);
    }

    public Task<long> TransfersAsync(CancellationToken ct) => ScalarAsync("SELECT count(*) FROM pgledger_transfers", ct);

    /// <summary>Balances sum to zero, no bounded account is negative, and the transfers counted match.</summary>
    public async Task<string> VerifyAsync(long transfersBefore, long processed, CancellationToken ct)
    {
        var sum = await ScalarAsync("SELECT sum(balance)::bigint FROM pgledger_accounts", ct);
        var negative = await ScalarAsync("SELECT count(*) FROM pgledger_accounts WHERE NOT allow_negative_balance AND balance < 0", ct);
        var transfers = await TransfersAsync(ct) - transfersBefore;
        if (sum != 0 || negative != 0 || transfers != processed)
            throw new InvalidOperationException($"pgledger failed its checks: sum {sum}, {negative} negative, {transfers} transfers vs {processed} processed");
        return $"OK ({transfers} transfers = pgbench's processed; sum zero; none negative)";
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString(BenchCluster.PgledgerDb));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString(BenchCluster.PgledgerDb));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
