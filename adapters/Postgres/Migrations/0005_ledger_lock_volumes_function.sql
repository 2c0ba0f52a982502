-- 0005: the one lock order of every ledger write, in one place. ledger.lock_volumes creates the
-- missing (account, asset) volumes at zero and locks every row a write touches in (address, asset)
-- byte order, so two writers over the same accounts queue instead of deadlocking. The write
-- function (0004) and a Numscript run's loading of balances (EmbeddedLedger.Scripts.cs) both call it.
CREATE FUNCTION ledger.lock_volumes(p_ledger text, p_addresses text[], p_assets text[])
RETURNS TABLE (out_address text, out_asset text, out_input numeric, out_output numeric)
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger.volumes (ledger, address, asset)
    SELECT p_ledger, t.address, t.asset
    FROM (SELECT DISTINCT u.address, u.asset FROM unnest(p_addresses, p_assets) AS u(address, asset)) t
    ORDER BY t.address COLLATE "C", t.asset COLLATE "C"
    ON CONFLICT DO NOTHING;

    RETURN QUERY
    SELECT v.address, v.asset, v.input, v.output FROM ledger.volumes v
    JOIN (SELECT DISTINCT u.address, u.asset FROM unnest(p_addresses, p_assets) AS u(address, asset)) t
      ON v.address = t.address AND v.asset = t.asset
    WHERE v.ledger = p_ledger
    ORDER BY v.address COLLATE "C", v.asset COLLATE "C"
    FOR UPDATE OF v;
END
$$;

-- The write function, now locking through ledger.lock_volumes; otherwise as in 0004.
CREATE OR REPLACE FUNCTION ledger.write_transaction(
    p_ledger text, p_sources text[], p_destinations text[], p_assets text[], p_amounts numeric[],
    p_check_funds boolean, p_timestamp timestamptz, p_inserted_at timestamptz, p_reference text,
    p_metadata jsonb, p_account_metadata jsonb, p_log_type text, p_log_data text, p_id_placeholder text,
    p_idempotency_key text, p_request_hash bytea,
    OUT tx_id bigint, OUT pre jsonb, OUT post jsonb)
LANGUAGE plpgsql AS $$
DECLARE
    v_number bigint;
    v_work jsonb := '{}';
    v_row record;
    v_key text;
    v_src text;
    v_dst text;
    v_balance numeric;
    v_log_id bigint;
    i int;
BEGIN
    SELECT number INTO v_number FROM ledger.ledgers WHERE name = p_ledger;

    FOR v_row IN SELECT * FROM ledger.lock_volumes(p_ledger, p_sources || p_destinations, p_assets || p_assets) LOOP
        v_work := v_work || jsonb_build_object(v_row.out_address || ' ' || v_row.out_asset, jsonb_build_array(v_row.out_input, v_row.out_output));
    END LOOP;
    pre := v_work;

    FOR i IN 1 .. coalesce(array_length(p_sources, 1), 0) LOOP
        v_src := p_sources[i] || ' ' || p_assets[i];
        v_dst := p_destinations[i] || ' ' || p_assets[i];
        v_balance := (v_work -> v_src ->> 0)::numeric - (v_work -> v_src ->> 1)::numeric;
        IF p_check_funds AND p_sources[i] <> 'world' AND v_balance < p_amounts[i] THEN
            RAISE EXCEPTION USING ERRCODE = 'WF001', MESSAGE = format(
                'account ''%s'' has insufficient funds of %s: needed %s, available %s',
                p_sources[i], p_assets[i], p_amounts[i], greatest(v_balance, 0));
        END IF;
        v_work := jsonb_set(v_work, ARRAY[v_src, '1'], to_jsonb((v_work -> v_src ->> 1)::numeric + p_amounts[i]));
        v_work := jsonb_set(v_work, ARRAY[v_dst, '0'], to_jsonb((v_work -> v_dst ->> 0)::numeric + p_amounts[i]));
    END LOOP;
    post := v_work;

    tx_id := nextval(format('ledger.tx_ids_%s', v_number)::regclass);
    v_log_id := nextval(format('ledger.log_ids_%s', v_number)::regclass);

    INSERT INTO ledger.transactions (ledger, id, timestamp, inserted_at, reference, metadata)
    VALUES (p_ledger, tx_id, p_timestamp, p_inserted_at, p_reference, p_metadata);
    INSERT INTO ledger.postings (ledger, tx_id, seq, source, destination, asset, amount)
    SELECT p_ledger, tx_id, u.ord - 1, u.source, u.destination, u.asset, u.amount
    FROM unnest(p_sources, p_destinations, p_assets, p_amounts) WITH ORDINALITY AS u(source, destination, asset, amount, ord);
    INSERT INTO ledger.moves (ledger, tx_id, seq, is_source, address, asset, amount, timestamp)
    SELECT p_ledger, tx_id, u.ord - 1, s.is_source, CASE WHEN s.is_source THEN u.source ELSE u.destination END, u.asset, u.amount, p_timestamp
    FROM unnest(p_sources, p_destinations, p_assets, p_amounts) WITH ORDINALITY AS u(source, destination, asset, amount, ord)
    CROSS JOIN (VALUES (true), (false)) AS s(is_source);
    INSERT INTO ledger.accounts (ledger, address, first_usage, insertion_date, updated_at)
    SELECT p_ledger, a, p_timestamp, p_inserted_at, p_inserted_at
    FROM (SELECT DISTINCT a FROM unnest(p_sources || p_destinations) AS a) d ORDER BY a COLLATE "C"
    ON CONFLICT (ledger, address) DO UPDATE SET first_usage = LEAST(ledger.accounts.first_usage, EXCLUDED.first_usage);
    FOR v_key IN SELECT jsonb_object_keys(v_work) LOOP
        UPDATE ledger.volumes SET input = (v_work -> v_key ->> 0)::numeric, output = (v_work -> v_key ->> 1)::numeric
        WHERE ledger = p_ledger AND address = split_part(v_key, ' ', 1) AND asset = split_part(v_key, ' ', 2);
    END LOOP;
    INSERT INTO ledger.accounts (ledger, address, first_usage, insertion_date, updated_at, metadata)
    SELECT p_ledger, m.key, p_inserted_at, p_inserted_at, p_inserted_at, m.value
    FROM jsonb_each(coalesce(p_account_metadata, '{}')) AS m ORDER BY m.key COLLATE "C"
    ON CONFLICT (ledger, address) DO UPDATE SET metadata = ledger.accounts.metadata || EXCLUDED.metadata, updated_at = EXCLUDED.updated_at;
    INSERT INTO ledger.logs (ledger, id, type, data, date)
    VALUES (p_ledger, v_log_id, p_log_type, replace(p_log_data, p_id_placeholder, '"id":' || tx_id)::json, p_inserted_at);
    IF p_idempotency_key IS NOT NULL THEN
        INSERT INTO ledger.idempotency_keys (ledger, key, request_hash, tx_id) VALUES (p_ledger, p_idempotency_key, p_request_hash, tx_id);
    END IF;
END
$$;
