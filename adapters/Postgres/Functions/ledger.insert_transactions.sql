-- ledger.insert_transactions: the rows of checked transactions, any number at once (t_* one element
-- per transaction; q_* one per posting, q_tx naming its transaction's position in t_*): the
-- transactions, postings, moves, accounts (first use), the unhashed log entries (each text names its
-- transaction id, substituted for p_id_placeholder) and idempotency keys. Volumes are the caller's,
-- who holds their locks.
-- Called by: ledger.append_transaction (one transaction) and ledger.write_transactions (a group's
-- pending rows, written together).
-- First created by migration 0009; this file is its current definition, re-applied on every migrate.
CREATE OR REPLACE FUNCTION ledger.insert_transactions(
    t_ledger text[], t_id bigint[], t_timestamp timestamptz[], t_inserted_at timestamptz[], t_reference text[], t_metadata jsonb[],
    t_log_id bigint[], t_log_type text[], t_log_data text[], p_id_placeholder text, t_key text[], t_hash bytea[],
    q_tx int[], q_source text[], q_destination text[], q_asset text[], q_amount numeric[])
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger.transactions (ledger, id, timestamp, inserted_at, reference, metadata)
    SELECT * FROM unnest(t_ledger, t_id, t_timestamp, t_inserted_at, t_reference, t_metadata);
    INSERT INTO ledger.postings (ledger, tx_id, seq, source, destination, asset, amount)
    SELECT t_ledger[q.tx], t_id[q.tx], row_number() OVER (PARTITION BY q.tx ORDER BY q.ord) - 1, q.source, q.destination, q.asset, q.amount
    FROM unnest(q_tx, q_source, q_destination, q_asset, q_amount) WITH ORDINALITY AS q(tx, source, destination, asset, amount, ord);
    INSERT INTO ledger.moves (ledger, tx_id, seq, is_source, address, asset, amount, timestamp)
    SELECT t_ledger[q.tx], t_id[q.tx], q.seq, s.is_source, CASE WHEN s.is_source THEN q.source ELSE q.destination END, q.asset, q.amount, t_timestamp[q.tx]
    FROM (SELECT u.*, row_number() OVER (PARTITION BY u.tx ORDER BY u.ord) - 1 AS seq
          FROM unnest(q_tx, q_source, q_destination, q_asset, q_amount) WITH ORDINALITY AS u(tx, source, destination, asset, amount, ord)) q
    CROSS JOIN (VALUES (true), (false)) AS s(is_source);
    -- first_usage only ever moves back; rows already right are locked, not rewritten.
    INSERT INTO ledger.accounts (ledger, address, first_usage, insertion_date, updated_at)
    SELECT a.ledger, a.address, min(a.ts), min(a.ins), min(a.ins)
    FROM (SELECT t_ledger[u.tx] AS ledger, u.address, t_timestamp[u.tx] AS ts, t_inserted_at[u.tx] AS ins
          FROM unnest(q_tx || q_tx, q_source || q_destination) AS u(tx, address)) a
    GROUP BY a.ledger, a.address ORDER BY a.ledger COLLATE "C", a.address COLLATE "C"
    ON CONFLICT (ledger, address) DO UPDATE SET first_usage = EXCLUDED.first_usage
    WHERE ledger.accounts.first_usage > EXCLUDED.first_usage;
    INSERT INTO ledger.logs (ledger, id, type, data, date)
    SELECT l.ledger, l.log_id, l.type, replace(l.data, p_id_placeholder, '"id":' || l.id)::json, l.ins
    FROM unnest(t_ledger, t_log_id, t_log_type, t_log_data, t_id, t_inserted_at) AS l(ledger, log_id, type, data, id, ins);
    INSERT INTO ledger.idempotency_keys (ledger, key, request_hash, tx_id)
    SELECT k.ledger, k.key, k.hash, k.id FROM unnest(t_ledger, t_key, t_hash, t_id) AS k(ledger, key, hash, id) WHERE k.key IS NOT NULL;
END
$$;
