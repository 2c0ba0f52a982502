-- ledger.write_transaction: a ledger write in one server-side call. Locks the volumes it touches
-- (ledger.lock_volumes), checks funds posting by posting when asked (ledger.apply_postings: scripts
-- were checked by the interpreter, forced writes skip it), then takes ids from the ledger's sequences
-- and writes the transaction, postings, moves, accounts, volumes, the unhashed log entry and the
-- idempotency key (ledger.append_transaction). Returns the new id and the touched volumes before and
-- after, {"address asset": [input, output]}. Wallet locks are held for this one statement and the
-- COMMIT the caller sends after it in the same round trip.
-- A shortfall raises SQLSTATE WF001 with the message the API returns as INSUFFICIENT_FUND.
-- Called by: EmbeddedLedger.CommitAsync (EmbeddedLedger.Commit.cs), the single write; and
-- ledger.write_transactions, in a subtransaction, for a group member it cannot write in bulk.
-- Created by migration 0004, redefined by 0005 and 0009; this file is its current definition,
-- re-applied on every migrate.
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
