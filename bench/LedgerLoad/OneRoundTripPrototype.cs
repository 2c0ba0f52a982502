using System.Globalization;
using Npgsql;
using WalletFlow.Adapters.Ledger;

namespace WalletFlow.Bench.LedgerLoad;

/// <summary>
/// Evidence for the suggested engine change, NOT the engine: walletflow's write for a one-posting
/// transfer as one PL/pgSQL call (one round trip, autocommit), writing the same rows to the same
/// schema (a separate database, migrated by walletflow's own migrator, ledgers created and funded
/// through the engine's API). Variant "chain" keeps the engine's semantics: volumes locked in
/// (address, asset) order, funds checked, then the ledger row locked last for contiguous ids and the
/// SHA-256 log chain. Variant "seq" drops the ledger row: ids from a sequence, each log entry hashed
/// alone (the chain would be filled in after commit by one chainer). Driven by pgbench like pgledger,
/// verified by the same checks as the engine.
/// </summary>
internal sealed class OneRoundTripPrototype(BenchCluster cluster) : IAsyncDisposable
{
    public const string Database = "walletflow_proto";

    private const string Function = """
        CREATE SEQUENCE IF NOT EXISTS public.proto_ids START 1000000000;
        CREATE OR REPLACE FUNCTION public.proto_transfer(p_ledger text, p_src text, p_dst text, p_amount numeric, p_asset text, p_chain boolean)
        RETURNS bigint LANGUAGE plpgsql AS $fn$
        DECLARE
            v_balance numeric; v_tx bigint; v_log bigint; v_prev bytea; v_hash bytea; v_data text;
            v_now timestamptz := date_trunc('microseconds', clock_timestamp());
        BEGIN
            INSERT INTO ledger.volumes (ledger, address, asset)
                SELECT p_ledger, a, p_asset FROM unnest(ARRAY[p_src, p_dst]) AS a ORDER BY a COLLATE "C"
                ON CONFLICT DO NOTHING;
            PERFORM 1 FROM ledger.volumes WHERE ledger = p_ledger AND asset = p_asset AND address IN (p_src, p_dst)
                ORDER BY address COLLATE "C" FOR UPDATE;
            SELECT input - output INTO v_balance FROM ledger.volumes WHERE ledger = p_ledger AND address = p_src AND asset = p_asset;
            IF p_src <> 'world' AND v_balance < p_amount THEN
                RETURN NULL; -- INSUFFICIENT_FUND: nothing written
            END IF;
            IF p_chain THEN
                SELECT next_tx_id, next_log_id, last_log_hash INTO v_tx, v_log, v_prev FROM ledger.ledgers WHERE name = p_ledger FOR UPDATE;
            ELSE
                v_tx := nextval('public.proto_ids'); v_log := v_tx; v_prev := NULL;
            END IF;
            v_data := json_build_object('transaction', json_build_object('id', v_tx, 'timestamp', v_now, 'insertedAt', v_now,
                'postings', json_build_array(json_build_object('source', p_src, 'destination', p_dst, 'amount', p_amount, 'asset', p_asset)),
                'metadata', '{}'::json, 'reverted', false), 'accountMetadata', '{}'::json)::text;
            v_hash := sha256(coalesce(v_prev, ''::bytea) || int8send(v_log) || convert_to('NEW_TRANSACTION', 'UTF8') || '\x00'::bytea
                || convert_to(v_now::text, 'UTF8') || '\x00'::bytea || convert_to(v_data, 'UTF8'));
            INSERT INTO ledger.transactions (ledger, id, timestamp, inserted_at, reference, metadata) VALUES (p_ledger, v_tx, v_now, v_now, NULL, '{}');
            INSERT INTO ledger.postings (ledger, tx_id, seq, source, destination, asset, amount) VALUES (p_ledger, v_tx, 0, p_src, p_dst, p_asset, p_amount);
            INSERT INTO ledger.moves (ledger, tx_id, seq, is_source, address, asset, amount, timestamp)
                VALUES (p_ledger, v_tx, 0, true, p_src, p_asset, p_amount, v_now), (p_ledger, v_tx, 0, false, p_dst, p_asset, p_amount, v_now);
            INSERT INTO ledger.accounts (ledger, address, first_usage, insertion_date, updated_at)
                SELECT p_ledger, a, v_now, v_now, v_now FROM unnest(ARRAY[p_src, p_dst]) AS a ORDER BY a COLLATE "C"
                ON CONFLICT (ledger, address) DO UPDATE SET first_usage = LEAST(ledger.accounts.first_usage, EXCLUDED.first_usage);
            UPDATE ledger.volumes SET output = output + p_amount WHERE ledger = p_ledger AND address = p_src AND asset = p_asset;
            UPDATE ledger.volumes SET input = input + p_amount WHERE ledger = p_ledger AND address = p_dst AND asset = p_asset;
            INSERT INTO ledger.logs (ledger, id, type, data, date, hash) VALUES (p_ledger, v_log, 'NEW_TRANSACTION', v_data::json, v_now, v_hash);
            IF p_chain THEN
                UPDATE ledger.ledgers SET next_tx_id = v_tx + 1, next_log_id = v_log + 1, last_log_hash = v_hash WHERE name = p_ledger;
            END IF;
            RETURN v_tx;
        END
        $fn$;
        """;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(cluster.ConnectionString(Database, 8));
    private readonly string _scripts = Directory.CreateTempSubdirectory("walletflow-proto-").FullName;

    public NpgsqlDataSource DataSource => _dataSource;

    public async Task LoadAsync(CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(Function);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Creates and funds the variant's ledger through the engine; returns (ledger, pgbench script path).</summary>
    public async Task<(string Ledger, string Script)> PrepareAsync(int wallets, int clients, bool chain, CancellationToken ct)
    {
        var ledger = $"proto-{(chain ? "chain" : "seq")}-w{wallets}-c{clients}";
        await new WalletFlowLoad(new EmbeddedLedger(_dataSource, TimeProvider.System), _dataSource, false).CreateFundedLedgerAsync(ledger, wallets, ct);
        var script = Path.Combine(_scripts, ledger + ".sql");
        var w = wallets.ToString(CultureInfo.InvariantCulture);
        var w1 = (wallets - 1).ToString(CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(script, $"""
            \set a random(1, {w})
            \set b random(1, {w1})
            SELECT proto_transfer('{ledger}', 'wallet:' || lpad(:a::text, 3, '0'), 'wallet:' || lpad((CASE WHEN :b >= :a THEN :b + 1 ELSE :b END)::text, 3, '0'), 100, 'USD/2', {(chain ? "true" : "false")});

            """, ct);
        return (ledger, script);
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        Directory.Delete(_scripts, recursive: true);
    }

    public Task<string> VerifyAsync(string ledger, long expectedTransactions, CancellationToken ct) =>
        new WalletFlowLoad(new EmbeddedLedger(_dataSource, TimeProvider.System), _dataSource, false).VerifyAsync(ledger, expectedTransactions, ct);
}
