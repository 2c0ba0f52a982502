-- 0011: how far the orphan reconciler (core/Movements/CompleteOrphanedMovements.cs) has checked each
-- remote ledger. Every transaction on the ledger that carries walletflow_command metadata and an id
-- up to checked_through has its command row (or was reported as one an operator must complete), so a
-- scheduled run lists only the transactions above it instead of the whole ledger.
CREATE TABLE walletflow.orphaned_movement_checkpoints (
    ledger          text        PRIMARY KEY,
    checked_through bigint      NOT NULL CHECK (checked_through >= 0),
    updated_at      timestamptz NOT NULL
);
