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

-- The rows of checked transactions, any number at once (t_* one element per transaction; q_* one
-- per posting, q_tx naming its transaction's position in t_*): the transactions, postings, moves,
-- accounts (first use), the unhashed log entries (each text names its transaction id, substituted
-- for p_id_placeholder) and idempotency keys. Volumes are the caller's, who holds their locks.
CREATE FUNCTION ledger.insert_transactions(
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

-- One checked transaction: ids from the ledger's sequences, its rows (above), its new volumes
-- (p_post) and any account metadata its script set. The caller holds the volumes' locks.
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
    PERFORM ledger.insert_transactions(ARRAY[p_ledger], ARRAY[v_tx_id], ARRAY[p_timestamp], ARRAY[p_inserted_at], ARRAY[p_reference],
        ARRAY[p_metadata], ARRAY[v_log_id], ARRAY[p_log_type], ARRAY[p_log_data], p_id_placeholder, ARRAY[p_idempotency_key],
        ARRAY[p_request_hash], array_fill(1, ARRAY[coalesce(array_length(p_sources, 1), 0)]), p_sources, p_destinations, p_assets, p_amounts);
    FOR v_key IN SELECT jsonb_object_keys(p_post) LOOP
        UPDATE ledger.volumes SET input = (p_post -> v_key ->> 0)::numeric, output = (p_post -> v_key ->> 1)::numeric
        WHERE ledger = p_ledger AND address = split_part(v_key, ' ', 1) AND asset = split_part(v_key, ' ', 2);
    END LOOP;
    INSERT INTO ledger.accounts (ledger, address, first_usage, insertion_date, updated_at, metadata)
    SELECT p_ledger, m.key, p_inserted_at, p_inserted_at, p_inserted_at, m.value
    FROM jsonb_each(coalesce(p_account_metadata, '{}')) AS m ORDER BY m.key COLLATE "C"
    ON CONFLICT (ledger, address) DO UPDATE SET metadata = ledger.accounts.metadata || EXCLUDED.metadata, updated_at = EXCLUDED.updated_at;
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
-- A later request sees the earlier ones' writes. The group first takes its idempotency keys'
-- advisory locks (the same as a single write's, EmbeddedLedger.Claims.cs), then locks every existing
-- volumes row it touches, both in one order, so groups side by side and single writes queue on
-- shared rows instead of deadlocking. The usual request (its volumes rows exist, no reference) is
-- then checked against the group's running volumes and, if it passes, its rows join the group's
-- pending rows, written together (ledger.insert_transactions, one UPDATE for the volumes) when the
-- group ends. Any other request (new accounts, whose zero rows locking creates; a reference, which a
-- concurrent writer may take first) first has the pending rows written, then runs
-- ledger.write_transaction in a subtransaction, so a refusal undoes that request's rows only.
-- Any other error aborts the whole group: nothing of it is committed, it may be resent.
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
    v_numbers jsonb := '{}';
    v_hash bytea;
    v_tx bigint;
    v_constraint text;
    v_row record;
    -- "ledger address asset" -> [input, output] of every row the group holds, kept current.
    v_volumes jsonb;
    v_dirty text[] := '{}';
    v_work jsonb;
    v_post jsonb;
    v_shortfall text;
    v_complete boolean;
    v_key text;
    v_sources text[];
    v_destinations text[];
    v_assets text[];
    v_amounts numeric[];
    -- The pending rows: one t_* element per written request, one q_* per posting.
    t_ledger text[] := '{}';
    t_id bigint[] := '{}';
    t_timestamp timestamptz[] := '{}';
    t_inserted_at timestamptz[] := '{}';
    t_metadata jsonb[] := '{}';
    t_log_id bigint[] := '{}';
    t_log_data text[] := '{}';
    t_key text[] := '{}';
    t_hash bytea[] := '{}';
    q_tx int[] := '{}';
    q_source text[] := '{}';
    q_destination text[] := '{}';
    q_asset text[] := '{}';
    q_amount numeric[] := '{}';
BEGIN
    PERFORM pg_advisory_xact_lock(k.h) FROM (
        SELECT DISTINCT hashtextextended(p_ledgers[n] || '/' || p_keys[n], 0) AS h
        FROM generate_subscripts(p_keys, 1) AS n WHERE p_keys[n] IS NOT NULL ORDER BY 1) AS k;
    SELECT coalesce(jsonb_object_agg(l.ledger || ' ' || l.address || ' ' || l.asset, jsonb_build_array(l.input, l.output)), '{}')
    INTO v_volumes
    FROM (
        SELECT v.ledger, v.address, v.asset, v.input, v.output FROM ledger.volumes v
        JOIN (SELECT DISTINCT p_ledgers[u.r] AS ledger, u.address, u.asset
              FROM unnest(p_request || p_request, p_sources || p_destinations, p_assets || p_assets) AS u(r, address, asset)) t
          ON v.ledger = t.ledger AND v.address = t.address AND v.asset = t.asset
        ORDER BY v.ledger COLLATE "C", v.address COLLATE "C", v.asset COLLATE "C"
        FOR UPDATE OF v) AS l;

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

        v_number := (v_numbers ->> p_ledgers[i])::bigint;
        IF v_number IS NULL THEN
            SELECT l.number INTO v_number FROM ledger.ledgers l WHERE l.name = p_ledgers[i];
            IF FOUND THEN
                v_numbers := v_numbers || jsonb_build_object(p_ledgers[i], v_number);
            ELSE
                out_status := 'LEDGER_NOT_FOUND';
            END IF;
        END IF;
        IF out_status IS NULL AND p_keys[i] IS NOT NULL THEN
            -- The key may belong to an earlier request of this group, still pending.
            FOR j IN 1 .. coalesce(array_length(t_key, 1), 0) LOOP
                IF t_key[j] = p_keys[i] AND t_ledger[j] = p_ledgers[i] THEN
                    out_status := CASE WHEN t_hash[j] = p_hashes[i] THEN 'REPLAY' ELSE 'IDEMPOTENCY_CONFLICT' END;
                    out_tx_id := t_id[j];
                END IF;
            END LOOP;
            IF out_status IS NULL THEN
                SELECT k.request_hash, k.tx_id INTO v_hash, v_tx FROM ledger.idempotency_keys k
                WHERE k.ledger = p_ledgers[i] AND k.key = p_keys[i];
                IF FOUND THEN
                    out_status := CASE WHEN v_hash = p_hashes[i] THEN 'REPLAY' ELSE 'IDEMPOTENCY_CONFLICT' END;
                    out_tx_id := v_tx;
                END IF;
            END IF;
        END IF;
        IF out_status IS NULL AND p_references[i] IS NOT NULL
           AND EXISTS (SELECT 1 FROM ledger.transactions t WHERE t.ledger = p_ledgers[i] AND t.reference = p_references[i]) THEN
            out_status := 'REFERENCE_CONFLICT';
        END IF;

        IF out_status IS NULL AND p_references[i] IS NULL THEN
            SELECT jsonb_object_agg(u.k, v_volumes -> (p_ledgers[i] || ' ' || u.k)), bool_and(v_volumes ? (p_ledgers[i] || ' ' || u.k))
            INTO v_work, v_complete
            FROM (SELECT DISTINCT u.address || ' ' || u.asset AS k
                  FROM unnest(v_sources || v_destinations, v_assets || v_assets) AS u(address, asset)) u;
            IF v_complete THEN
                SELECT a.post, a.shortfall INTO v_post, v_shortfall
                FROM ledger.apply_postings(v_work, v_sources, v_destinations, v_assets, v_amounts, p_check_funds[i]) a;
                IF v_shortfall IS NOT NULL THEN
                    out_status := 'INSUFFICIENT_FUND';
                    out_message := v_shortfall;
                ELSE
                    out_tx_id := nextval(format('ledger.tx_ids_%s', v_number)::regclass);
                    t_ledger := t_ledger || p_ledgers[i];
                    t_id := t_id || out_tx_id;
                    t_timestamp := t_timestamp || p_timestamps[i];
                    t_inserted_at := t_inserted_at || p_inserted_at[i];
                    t_metadata := t_metadata || p_metadata[i];
                    t_log_id := t_log_id || nextval(format('ledger.log_ids_%s', v_number)::regclass);
                    t_log_data := t_log_data || p_log_data[i];
                    t_key := t_key || p_keys[i];
                    t_hash := t_hash || p_hashes[i];
                    q_tx := q_tx || array_fill(array_length(t_id, 1), ARRAY[array_length(v_sources, 1)]);
                    q_source := q_source || v_sources;
                    q_destination := q_destination || v_destinations;
                    q_asset := q_asset || v_assets;
                    q_amount := q_amount || v_amounts;
                    FOR v_key IN SELECT jsonb_object_keys(v_post) LOOP
                        v_volumes := jsonb_set(v_volumes, ARRAY[p_ledgers[i] || ' ' || v_key], v_post -> v_key);
                        v_dirty := v_dirty || (p_ledgers[i] || ' ' || v_key);
                    END LOOP;
                    out_status := 'OK';
                    out_pre := v_work::text;
                    out_post := v_post::text;
                END IF;
            END IF;
        END IF;

        IF out_status IS NULL THEN
            -- Write what is pending first: the single write reads the volumes from the table.
            PERFORM ledger.insert_transactions(t_ledger, t_id, t_timestamp, t_inserted_at, array_fill(NULL::text, ARRAY[cardinality(t_id)]),
                t_metadata, t_log_id, array_fill('NEW_TRANSACTION'::text, ARRAY[cardinality(t_id)]), t_log_data, p_id_placeholder, t_key, t_hash,
                q_tx, q_source, q_destination, q_asset, q_amount);
            UPDATE ledger.volumes v SET input = (v_volumes -> d.k ->> 0)::numeric, output = (v_volumes -> d.k ->> 1)::numeric
            FROM (SELECT DISTINCT unnest(v_dirty) AS k) d
            WHERE v.ledger = split_part(d.k, ' ', 1) AND v.address = split_part(d.k, ' ', 2) AND v.asset = split_part(d.k, ' ', 3);
            t_ledger := '{}'; t_id := '{}'; t_timestamp := '{}'; t_inserted_at := '{}'; t_metadata := '{}';
            t_log_id := '{}'; t_log_data := '{}'; t_key := '{}'; t_hash := '{}';
            q_tx := '{}'; q_source := '{}'; q_destination := '{}'; q_asset := '{}'; q_amount := '{}';
            v_dirty := '{}';
            BEGIN
                SELECT w.tx_id, w.pre, w.post INTO v_row
                FROM ledger.write_transaction(p_ledgers[i], v_sources, v_destinations, v_assets, v_amounts, p_check_funds[i],
                    p_timestamps[i], p_inserted_at[i], p_references[i], p_metadata[i], '{}', 'NEW_TRANSACTION', p_log_data[i],
                    p_id_placeholder, p_keys[i], p_hashes[i]) w;
                out_status := 'OK';
                out_tx_id := v_row.tx_id;
                out_pre := v_row.pre::text;
                out_post := v_row.post::text;
                -- Its rows are written and now held by this group: later requests start from them.
                FOR v_key IN SELECT jsonb_object_keys(v_row.post) LOOP
                    v_volumes := jsonb_set(v_volumes, ARRAY[p_ledgers[i] || ' ' || v_key], v_row.post -> v_key);
                END LOOP;
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

    PERFORM ledger.insert_transactions(t_ledger, t_id, t_timestamp, t_inserted_at, array_fill(NULL::text, ARRAY[cardinality(t_id)]),
        t_metadata, t_log_id, array_fill('NEW_TRANSACTION'::text, ARRAY[cardinality(t_id)]), t_log_data, p_id_placeholder, t_key, t_hash,
        q_tx, q_source, q_destination, q_asset, q_amount);
    UPDATE ledger.volumes v SET input = (v_volumes -> d.k ->> 0)::numeric, output = (v_volumes -> d.k ->> 1)::numeric
    FROM (SELECT DISTINCT unnest(v_dirty) AS k) d
    WHERE v.ledger = split_part(d.k, ' ', 1) AND v.address = split_part(d.k, ' ', 2) AND v.asset = split_part(d.k, ' ', 3);
END
$$;
