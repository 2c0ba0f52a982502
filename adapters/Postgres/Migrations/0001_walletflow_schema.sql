-- 0001: walletflow's own schema. Later scripts add the ledger, stores, outbox and flags tables.
-- Scripts are numbered, run once each in order, and never edited after they land: add a new one.
CREATE SCHEMA IF NOT EXISTS walletflow;

COMMENT ON SCHEMA walletflow IS 'walletflow service state (balances live only in the ledger)';
