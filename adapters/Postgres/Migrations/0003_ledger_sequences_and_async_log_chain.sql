-- 0003: take the ledger-wide row off every write's commit path.
-- Transaction and log ids come from per-ledger sequences, taken after the funds check (a refusal
-- burns no id; a failed commit can leave a gap, as in Formance). Log entries are written unhashed
-- and a sealer chains them after commit, in the order it finds them committed: chain_position.
-- Each sealed entry's hash covers the previous sealed entry's hash and its own content.
ALTER TABLE ledger.ledgers ADD COLUMN number bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE ledger.ledgers ADD CONSTRAINT ledgers_number UNIQUE (number);
ALTER TABLE ledger.ledgers ADD COLUMN chained_entries bigint NOT NULL DEFAULT 0;

ALTER TABLE ledger.logs ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE ledger.logs ADD COLUMN chain_position bigint;
UPDATE ledger.logs SET chain_position = id;
CREATE UNIQUE INDEX logs_chain ON ledger.logs (ledger, chain_position);
CREATE INDEX logs_unsealed ON ledger.logs (ledger, id) WHERE hash IS NULL;
UPDATE ledger.ledgers SET chained_entries = next_log_id;

DO $$
DECLARE l record;
BEGIN
    FOR l IN SELECT number, next_tx_id, next_log_id FROM ledger.ledgers LOOP
        EXECUTE format('CREATE SEQUENCE ledger.tx_ids_%s MINVALUE 0 START %s', l.number, l.next_tx_id);
        EXECUTE format('CREATE SEQUENCE ledger.log_ids_%s MINVALUE 0 START %s', l.number, l.next_log_id);
    END LOOP;
END
$$;

ALTER TABLE ledger.ledgers DROP COLUMN next_tx_id, DROP COLUMN next_log_id;
