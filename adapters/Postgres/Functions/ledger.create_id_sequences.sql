-- ledger.create_id_sequences: a new ledger's transaction and log id sequences (migration 0003 names
-- them by the ledger's number), created as the schema's owner and granted to walletflow_service, so
-- the service needs no CREATE on schema ledger. SECURITY DEFINER with a fixed search_path: the body
-- names every object by schema and formats only the number into the names.
-- Called by: EmbeddedLedger.CreateLedgerAsync, in the transaction that inserts the ledger's row.
CREATE OR REPLACE FUNCTION ledger.create_id_sequences(p_number bigint)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    EXECUTE format('CREATE SEQUENCE ledger.tx_ids_%s MINVALUE 0 START 0', p_number);
    EXECUTE format('CREATE SEQUENCE ledger.log_ids_%s MINVALUE 0 START 0', p_number);
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'walletflow_service') THEN
        EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE ledger.tx_ids_%s, ledger.log_ids_%s TO walletflow_service', p_number, p_number);
    END IF;
END
$$;
