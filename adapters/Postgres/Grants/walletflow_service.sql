-- What the role walletflow_service may do: the service's whole reach, in one file. Every migrate
-- run applies it after the migrations and functions (DatabaseMigrator), so a table a new migration
-- adds gets nothing until it is named here. The schema's owner (the migrating login) keeps the rest:
-- DDL, TRUNCATE, and UPDATE/DELETE of the ledger's history. `walletflow migrate` prints this file.
-- On a server of your own: run `walletflow migrate` as the owner, then let the login walletflow
-- serves as have these rights: GRANT walletflow_service TO <that login>;

GRANT USAGE ON SCHEMA walletflow, ledger, durable, identity TO walletflow_service;

-- The ledger: append-only. Rows are inserted and read; the only updates are those the ledger makes
-- by design, each granted on its columns (the triggers of migration 0018 hold even the owner to
-- the same rule for the history tables: ledger.refuse_history_change).
GRANT SELECT, INSERT ON ledger.postings, ledger.moves, ledger.idempotency_keys TO walletflow_service;
-- A transaction's metadata may change; a revert marks the original once (reverted_at, reverted_by).
GRANT SELECT, INSERT, UPDATE (metadata, reverted_at, reverted_by) ON ledger.transactions TO walletflow_service;
-- The sealer chains each committed entry once: its hash and chain position (LogSealer).
GRANT SELECT, INSERT, UPDATE (hash, chain_position) ON ledger.logs TO walletflow_service;
-- The sealer's tail of the chain.
GRANT SELECT, INSERT, UPDATE (last_log_hash, chained_entries) ON ledger.ledgers TO walletflow_service;
-- Account metadata (a metadata table) and first use.
GRANT SELECT, INSERT, UPDATE (metadata, updated_at, first_usage) ON ledger.accounts TO walletflow_service;
-- Volumes are the derived running sums of the moves, rewritten by each write (ledger verify
-- recomputes them from the moves).
GRANT SELECT, INSERT, UPDATE (input, output) ON ledger.volumes TO walletflow_service;
-- Per-ledger id sequences: existing ones here; ledger.create_id_sequences grants each new pair.
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ledger TO walletflow_service;
REVOKE ALL ON FUNCTION ledger.create_id_sequences(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ledger.create_id_sequences(bigint) TO walletflow_service;

-- Command stores, payouts, corrections, cutovers, reserves, gates, the outbox: the service's own
-- working state (the ledger above is the book of record).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA walletflow TO walletflow_service;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA walletflow TO walletflow_service;

-- The durable task store: instances, history and queues are rewritten and purged as work runs;
-- emptying the task hub truncates it.
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA durable TO walletflow_service;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA durable TO walletflow_service;

-- API clients are revoked and operators locked out in place; the audit is append-only.
GRANT SELECT, INSERT, UPDATE ON identity.api_clients, identity.operators TO walletflow_service;
GRANT SELECT, INSERT ON identity.audit TO walletflow_service;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA identity TO walletflow_service;

-- Which migrations ran (the service checks, never writes).
GRANT SELECT ON public.walletflow_schema_versions TO walletflow_service;
