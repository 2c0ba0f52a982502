-- 0018: the ledger's history is append-only in PostgreSQL, not only by convention: triggers refuse
-- UPDATE, DELETE and TRUNCATE of postings, moves, transactions and log entries for every role, the
-- owner included, but for the updates the ledger makes by design (ledger.refuse_history_change says
-- which). The service itself runs as walletflow_service, whose grants (Grants/walletflow_service.sql)
-- give it no UPDATE or DELETE of these rows in the first place.
-- The function's definition is its file in Functions/, applied after the numbered migrations in the
-- same run; CREATE TRIGGER needs it to exist now, so this creates it refusing everything until then.
CREATE OR REPLACE FUNCTION ledger.refuse_history_change()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'WF003', MESSAGE = 'ledger history is append-only (definition pending)';
END
$$;

CREATE TRIGGER postings_refuse_change BEFORE UPDATE OR DELETE ON ledger.postings
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_history_change();
CREATE TRIGGER postings_refuse_truncate BEFORE TRUNCATE ON ledger.postings
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_history_change();
CREATE TRIGGER moves_refuse_change BEFORE UPDATE OR DELETE ON ledger.moves
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_history_change();
CREATE TRIGGER moves_refuse_truncate BEFORE TRUNCATE ON ledger.moves
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_history_change();
CREATE TRIGGER transactions_refuse_change BEFORE UPDATE OR DELETE ON ledger.transactions
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_history_change();
CREATE TRIGGER transactions_refuse_truncate BEFORE TRUNCATE ON ledger.transactions
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_history_change();
CREATE TRIGGER logs_refuse_change BEFORE UPDATE OR DELETE ON ledger.logs
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_history_change();
CREATE TRIGGER logs_refuse_truncate BEFORE TRUNCATE ON ledger.logs
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_history_change();
