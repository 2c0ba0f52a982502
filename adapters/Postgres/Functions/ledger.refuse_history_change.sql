-- ledger.refuse_history_change: the ledger's history is append-only in PostgreSQL itself, for every
-- role including the tables' owner (walletflow_service is also refused by its grants). Raises
-- SQLSTATE WF003 on DELETE and TRUNCATE of ledger.postings, ledger.moves, ledger.transactions and
-- ledger.logs, on any UPDATE of postings and moves, and on every UPDATE but the ones the ledger makes
-- by design: a transaction's metadata, and its reverted_at/reverted_by set once (a revert); an
-- unsealed log entry's hash and chain position set once by the sealer (LogSealer). A repair that
-- truly must rewrite history is a superuser's deliberate act: ALTER TABLE … DISABLE TRIGGER, or
-- SET session_replication_role = replica for its session.
-- Called by: the triggers of migration 0018 (… refuse_change, BEFORE UPDATE OR DELETE FOR EACH ROW,
-- and … refuse_truncate, BEFORE TRUNCATE FOR EACH STATEMENT).
CREATE OR REPLACE FUNCTION ledger.refuse_history_change()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Nested: NEW is null outside UPDATE, and each table's columns exist only on that table.
    IF TG_OP = 'UPDATE' THEN
        IF TG_TABLE_NAME = 'transactions' THEN
            IF (NEW.ledger, NEW.id, NEW.timestamp, NEW.inserted_at, NEW.reference)
                    IS NOT DISTINCT FROM (OLD.ledger, OLD.id, OLD.timestamp, OLD.inserted_at, OLD.reference)
                AND ((NEW.reverted_at, NEW.reverted_by) IS NOT DISTINCT FROM (OLD.reverted_at, OLD.reverted_by)
                     OR (OLD.reverted_at IS NULL AND OLD.reverted_by IS NULL)) THEN
                RETURN NEW;
            END IF;
        ELSIF TG_TABLE_NAME = 'logs' THEN
            IF OLD.hash IS NULL
                AND (NEW.ledger, NEW.id, NEW.type, NEW.data::text, NEW.date)
                    IS NOT DISTINCT FROM (OLD.ledger, OLD.id, OLD.type, OLD.data::text, OLD.date) THEN
                RETURN NEW;
            END IF;
        END IF;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'WF003',
        MESSAGE = format('ledger.%s is append-only: %s refused', TG_TABLE_NAME, TG_OP),
        HINT = 'The ledger corrects by new transactions (a revert, a correction), never by changing or removing one.';
END
$$;
