-- ledger.append_transaction: one checked transaction: ids from the ledger's sequences (taken after
-- the funds check, so a refusal burns no id), its rows (ledger.insert_transactions), its new volumes
-- (p_post) and any account metadata its script set. Returns the transaction id. The caller holds the
-- volumes' locks.
-- Called by: ledger.write_transaction.
-- First created by migration 0009; this file is its current definition, re-applied on every migrate.
CREATE OR REPLACE FUNCTION ledger.append_transaction(
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
