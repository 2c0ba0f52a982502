-- 0009: group commit. ledger.write_transactions writes several independent posting requests (from
-- concurrent callers) in one call, so they share one round trip, one transaction and one WAL flush.
-- The funds rule and the row writes of ledger.write_transaction (0004/0005) move into two functions
-- of their own, which the single write and the group both call: one rule, one place.

-- The funds rule: postings applied in order to the locked volumes {"address asset": [input, output]};
-- a source other than world must hold each posting's amount when it is applied (a later posting
-- cannot pay for an earlier one). A shortfall is returned, not raised, with the message the API
-- answers as INSUFFICIENT_FUND; post is then null.
CREATE FUNCTION ledger.apply_postings(
    p_work jsonb, p_sources text[], p_destinations text[], p_assets text[], p_amounts numeric[], p_check_funds boolean,
    OUT post jsonb, OUT shortfall text)
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v_src text;
    v_dst text;
    v_balance numeric;
    i int;
BEGIN
    post := p_work;
    FOR i IN 1 .. coalesce(array_length(p_sources, 1), 0) LOOP
        v_src := p_sources[i] || ' ' || p_assets[i];
        v_dst := p_destinations[i] || ' ' || p_assets[i];
        v_balance := (post -> v_src ->> 0)::numeric - (post -> v_src ->> 1)::numeric;
        IF p_check_funds AND p_sources[i] <> 'world' AND v_balance < p_amounts[i] THEN
            post := NULL;
            shortfall := format('account ''%s'' has insufficient funds of %s: needed %s, available %s',
                p_sources[i], p_assets[i], p_amounts[i], greatest(v_balance, 0));
            RETURN;
        END IF;
        post := jsonb_set(post, ARRAY[v_src, '1'], to_jsonb((post -> v_src ->> 1)::numeric + p_amounts[i]));
        post := jsonb_set(post, ARRAY[v_dst, '0'], to_jsonb((post -> v_dst ->> 0)::numeric + p_amounts[i]));
    END LOOP;
END
$$;

-- The rows of one checked transaction: ids from the ledger's sequences, then the transaction,
-- postings, moves, accounts, the new volumes (p_post), the unhashed log entry (its text names the
-- transaction id, substituted for p_id_placeholder) and the idempotency key. The caller holds the
-- volumes' locks.
CREATE FUNCTION ledger.append_transaction(
    p_ledger text, p_number bigint, p_sources text[], p_destinations text[], p_assets text[], p_amounts numeric[],
    p_timestamp timestamptz, p_inserted_at timestamptz, p_reference text, p_metadata jsonb, p_account_metadata jsonb,
    p_log_type text, p_log_data text, p_id_placeholder text, p_idempotency_key text, p_request_hash bytea, p_post jsonb)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_tx_id bigint;
    v_log_id bigint;
    v_key text;
BEGIN
    v_tx_id := nextval(format('ledger.tx_ids_%s', p_number)::regclass);
    v_log_id := nextval(format('ledger.log_ids_%s', p_number)::regclass);

    INSERT INTO ledger.transactions (ledger, id, timestamp, inserted_at, reference, metadata)
    VALUES (p_ledger, v_tx_id, p_timestamp, p_inserted_at, p_reference, p_metadata);
    INSERT INTO ledger.postings (ledger, tx_id, seq, source, destination, asset, amount)
    SELECT p_ledger, v_tx_id, u.ord - 1, u.source, u.destination, u.asset, u.amount
    FROM unnest(p_sources, p_destinations, p_assets, p_amounts) WITH ORDINALITY AS u(source, destination, asset, amount, ord);
    INSERT INTO ledger.moves (ledger, tx_id, seq, is_source, address, asset, amount, timestamp)
    SELECT p_ledger, v_tx_id, u.ord - 1, s.is_source, CASE WHEN s.is_source THEN u.source ELSE u.destination END, u.asset, u.amount, p_timestamp
    FROM unnest(p_sources, p_destinations, p_assets, p_amounts) WITH ORDINALITY AS u(source, destination, asset, amount, ord)
    CROSS JOIN (VALUES (true), (false)) AS s(is_source);
    INSERT INTO ledger.accounts (ledger, address, first_usage, insertion_date, updated_at)
    SELECT p_ledger, a, p_timestamp, p_inserted_at, p_inserted_at
    FROM (SELECT DISTINCT a FROM unnest(p_sources || p_destinations) AS a) d ORDER BY a COLLATE "C"
    ON CONFLICT (ledger, address) DO UPDATE SET first_usage = LEAST(ledger.accounts.first_usage, EXCLUDED.first_usage);
    FOR v_key IN SELECT jsonb_object_keys(p_post) LOOP
        UPDATE ledger.volumes SET input = (p_post -> v_key ->> 0)::numeric, output = (p_post -> v_key ->> 1)::numeric
        WHERE ledger = p_ledger AND address = split_part(v_key, ' ', 1) AND asset = split_part(v_key, ' ', 2);
    END LOOP;
    INSERT INTO ledger.accounts (ledger, address, first_usage, insertion_date, updated_at, metadata)
    SELECT p_ledger, m.key, p_inserted_at, p_inserted_at, p_inserted_at, m.value
    FROM jsonb_each(coalesce(p_account_metadata, '{}')) AS m ORDER BY m.key COLLATE "C"
    ON CONFLICT (ledger, address) DO UPDATE SET metadata = ledger.accounts.metadata || EXCLUDED.metadata, updated_at = EXCLUDED.updated_at;
    INSERT INTO ledger.logs (ledger, id, type, data, date)
    VALUES (p_ledger, v_log_id, p_log_type, replace(p_log_data, p_id_placeholder, '"id":' || v_tx_id)::json, p_inserted_at);
    IF p_idempotency_key IS NOT NULL THEN
        INSERT INTO ledger.idempotency_keys (ledger, key, request_hash, tx_id) VALUES (p_ledger, p_idempotency_key, p_request_hash, v_tx_id);
    END IF;
    RETURN v_tx_id;
END
$$;

-- The single write, as in 0005 (same arguments, same answers), now through the two functions above.
CREATE OR REPLACE FUNCTION ledger.write_transaction(
    p_ledger text, p_sources text[], p_destinations text[], p_assets text[], p_amounts numeric[],
    p_check_funds boolean, p_timestamp timestamptz, p_inserted_at timestamptz, p_reference text,
    p_metadata jsonb, p_account_metadata jsonb, p_log_type text, p_log_data text, p_id_placeholder text,
    p_idempotency_key text, p_request_hash bytea,
    OUT tx_id bigint, OUT pre jsonb, OUT post jsonb)
LANGUAGE plpgsql AS $$
DECLARE
    v_number bigint;
    v_row record;
    v_shortfall text;
BEGIN
    SELECT number INTO v_number FROM ledger.ledgers WHERE name = p_ledger;
    pre := '{}';
    FOR v_row IN SELECT * FROM ledger.lock_volumes(p_ledger, p_sources || p_destinations, p_assets || p_assets) LOOP
        pre := pre || jsonb_build_object(v_row.out_address || ' ' || v_row.out_asset, jsonb_build_array(v_row.out_input, v_row.out_output));
    END LOOP;
    SELECT a.post, a.shortfall INTO post, v_shortfall FROM ledger.apply_postings(pre, p_sources, p_destinations, p_assets, p_amounts, p_check_funds) a;
    IF v_shortfall IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'WF001', MESSAGE = v_shortfall;
    END IF;
    tx_id := ledger.append_transaction(p_ledger, v_number, p_sources, p_destinations, p_assets, p_amounts, p_timestamp, p_inserted_at,
        p_reference, p_metadata, p_account_metadata, p_log_type, p_log_data, p_id_placeholder, p_idempotency_key, p_request_hash, post);
END
$$;

-- The group: requests in array order, each answered as if it had been sent alone:
--   OK                    written; tx_id, pre, post as ledger.write_transaction returns them
--   LEDGER_NOT_FOUND      no such ledger; nothing written
--   REPLAY                its idempotency key was used with the same request; tx_id is the original
--   IDEMPOTENCY_CONFLICT  its key was used with another request; nothing written
--   REFERENCE_CONFLICT    its reference is taken; nothing written
--   INSUFFICIENT_FUND     a source would go below zero; nothing written; message says which
-- A later request sees the earlier ones' writes. The group first locks every existing volumes row it
-- touches, in the one lock order. Idempotency keys take the same advisory lock as a
-- single write (EmbeddedLedger.Claims.cs), so a key used at once by a group and a single write still
-- gives one transaction. The usual request (every volumes row exists, no reference) locks its rows in
-- the one lock order, checks, and writes or refuses without having written anything. Otherwise
-- (new accounts, whose zero rows locking creates; a reference, which a concurrent writer may take
-- first) it runs ledger.write_transaction in a subtransaction, so a refusal undoes that request's
-- rows only. Any other error aborts the whole group: nothing of it is committed, it may be resent.
CREATE FUNCTION ledger.write_transactions(
    p_ledgers text[], p_check_funds boolean[], p_timestamps timestamptz[], p_inserted_at timestamptz[],
    p_references text[], p_metadata jsonb[], p_log_data text[], p_id_placeholder text,
    p_keys text[], p_hashes bytea[],
    p_request int[], p_sources text[], p_destinations text[], p_assets text[], p_amounts numeric[])
RETURNS TABLE (out_status text, out_tx_id bigint, out_pre text, out_post text, out_message text)
LANGUAGE plpgsql AS $$
DECLARE
    i int;
    j int;
    v_first int := 1;
    v_last int;
    v_count int := coalesce(array_length(p_sources, 1), 0);
    v_number bigint;
    v_hash bytea;
    v_tx bigint;
    v_constraint text;
    v_row record;
    v_work jsonb;
    v_post jsonb;
    v_shortfall text;
    v_complete boolean;
    v_sources text[];
    v_destinations text[];
    v_assets text[];
    v_amounts numeric[];
BEGIN
    -- Every existing volumes row the group touches, locked first and in the one lock order (ledger,
    -- then address and asset as ledger.lock_volumes orders them). Groups sent side by side over
    -- several connections, and single writes, then queue on shared rows instead of deadlocking.
    -- Idempotency keys' advisory locks come before, as in a single write, and in one order too.
    PERFORM pg_advisory_xact_lock(k.h) FROM (
        SELECT DISTINCT hashtextextended(p_ledgers[n] || '/' || p_keys[n], 0) AS h
        FROM generate_subscripts(p_keys, 1) AS n WHERE p_keys[n] IS NOT NULL ORDER BY 1) AS k;
    PERFORM 1 FROM (
        SELECT v.ledger FROM ledger.volumes v
        JOIN (SELECT DISTINCT p_ledgers[u.r] AS ledger, u.address, u.asset
              FROM unnest(p_request || p_request, p_sources || p_destinations, p_assets || p_assets) AS u(r, address, asset)) t
          ON v.ledger = t.ledger AND v.address = t.address AND v.asset = t.asset
        ORDER BY v.ledger COLLATE "C", v.address COLLATE "C", v.asset COLLATE "C"
        FOR UPDATE OF v) AS locked;

    FOR i IN 1 .. coalesce(array_length(p_ledgers, 1), 0) LOOP
        -- The postings of request i are the run of p_request = i (1-based).
        v_last := v_first;
        WHILE v_last <= v_count AND p_request[v_last] = i LOOP
            v_last := v_last + 1;
        END LOOP;
        v_sources := p_sources[v_first:v_last - 1];
        v_destinations := p_destinations[v_first:v_last - 1];
        v_assets := p_assets[v_first:v_last - 1];
        v_amounts := p_amounts[v_first:v_last - 1];
        v_first := v_last;
        out_status := NULL; out_tx_id := NULL; out_pre := NULL; out_post := NULL; out_message := NULL;

        SELECT l.number INTO v_number FROM ledger.ledgers l WHERE l.name = p_ledgers[i];
        IF NOT FOUND THEN
            out_status := 'LEDGER_NOT_FOUND';
        END IF;
        IF out_status IS NULL AND p_keys[i] IS NOT NULL THEN
            PERFORM pg_advisory_xact_lock(hashtextextended(p_ledgers[i] || '/' || p_keys[i], 0));
            SELECT k.request_hash, k.tx_id INTO v_hash, v_tx FROM ledger.idempotency_keys k
            WHERE k.ledger = p_ledgers[i] AND k.key = p_keys[i];
            IF FOUND THEN
                out_status := CASE WHEN v_hash = p_hashes[i] THEN 'REPLAY' ELSE 'IDEMPOTENCY_CONFLICT' END;
                out_tx_id := v_tx;
            END IF;
        END IF;
        IF out_status IS NULL AND p_references[i] IS NOT NULL
           AND EXISTS (SELECT 1 FROM ledger.transactions t WHERE t.ledger = p_ledgers[i] AND t.reference = p_references[i]) THEN
            out_status := 'REFERENCE_CONFLICT';
        END IF;

        IF out_status IS NULL AND p_references[i] IS NULL THEN
            -- Lock the existing rows in the one lock order (as ledger.lock_volumes does), creating none.
            v_work := '{}';
            FOR v_row IN
                SELECT v.address, v.asset, v.input, v.output FROM ledger.volumes v
                JOIN (SELECT DISTINCT u.address, u.asset FROM unnest(v_sources || v_destinations, v_assets || v_assets) AS u(address, asset)) t
                  ON v.address = t.address AND v.asset = t.asset
                WHERE v.ledger = p_ledgers[i]
                ORDER BY v.address COLLATE "C", v.asset COLLATE "C"
                FOR UPDATE OF v
            LOOP
                v_work := v_work || jsonb_build_object(v_row.address || ' ' || v_row.asset, jsonb_build_array(v_row.input, v_row.output));
            END LOOP;
            v_complete := true;
            FOR j IN 1 .. coalesce(array_length(v_sources, 1), 0) LOOP
                v_complete := v_complete AND v_work ? (v_sources[j] || ' ' || v_assets[j]) AND v_work ? (v_destinations[j] || ' ' || v_assets[j]);
            END LOOP;
            IF v_complete THEN
                SELECT a.post, a.shortfall INTO v_post, v_shortfall
                FROM ledger.apply_postings(v_work, v_sources, v_destinations, v_assets, v_amounts, p_check_funds[i]) a;
                IF v_shortfall IS NOT NULL THEN
                    out_status := 'INSUFFICIENT_FUND';
                    out_message := v_shortfall;
                ELSE
                    out_tx_id := ledger.append_transaction(p_ledgers[i], v_number, v_sources, v_destinations, v_assets, v_amounts,
                        p_timestamps[i], p_inserted_at[i], NULL, p_metadata[i], '{}', 'NEW_TRANSACTION', p_log_data[i],
                        p_id_placeholder, p_keys[i], p_hashes[i], v_post);
                    out_status := 'OK';
                    out_pre := v_work::text;
                    out_post := v_post::text;
                END IF;
            END IF;
        END IF;

        IF out_status IS NULL THEN
            BEGIN
                SELECT w.tx_id, w.pre::text AS pre, w.post::text AS post INTO v_row
                FROM ledger.write_transaction(p_ledgers[i], v_sources, v_destinations, v_assets, v_amounts, p_check_funds[i],
                    p_timestamps[i], p_inserted_at[i], p_references[i], p_metadata[i], '{}', 'NEW_TRANSACTION', p_log_data[i],
                    p_id_placeholder, p_keys[i], p_hashes[i]) w;
                out_status := 'OK';
                out_tx_id := v_row.tx_id;
                out_pre := v_row.pre;
                out_post := v_row.post;
            EXCEPTION
                WHEN SQLSTATE 'WF001' THEN
                    out_status := 'INSUFFICIENT_FUND';
                    out_message := SQLERRM;
                WHEN unique_violation THEN
                    -- A concurrent writer committed the same reference after the check above.
                    GET STACKED DIAGNOSTICS v_constraint = CONSTRAINT_NAME;
                    IF v_constraint IS DISTINCT FROM 'transactions_reference' THEN
                        RAISE;
                    END IF;
                    out_status := 'REFERENCE_CONFLICT';
            END;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$$;
