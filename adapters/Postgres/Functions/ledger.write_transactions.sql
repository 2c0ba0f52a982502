-- ledger.write_transactions: group commit. Writes several independent posting requests (from
-- concurrent callers) in one call, so they share one round trip, one transaction and one WAL flush.
-- Requests in array order, each answered as if it had been sent alone:
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
-- then checked against the group's running volumes (ledger.apply_postings) and, if it passes, its
-- rows join the group's pending rows, written together (ledger.insert_transactions, one UPDATE for
-- the volumes) when the group ends. Any other request (new accounts, whose zero rows locking creates;
-- a reference, which a concurrent writer may take first) first has the pending rows written, then
-- runs ledger.write_transaction in a subtransaction, so a refusal undoes that request's rows only.
-- Any other error aborts the whole group: nothing of it is committed, it may be resent.
-- Called by: the embedded ledger's group commit (EmbeddedLedger.GroupCommit.cs), one call and its
-- COMMIT per group.
-- First created by migration 0009; this file is its current definition, re-applied on every migrate.
CREATE OR REPLACE FUNCTION ledger.write_transactions(
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
