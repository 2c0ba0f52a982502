-- 0015: cutover from the legacy system (design.md §7, issue 18 item 2). A cutover is one uploaded
-- balances file: its validated rows are stored here at upload (the workflow passes batch numbers,
-- never rows), each row's outcome is written by the batch that posted or reversed it, and every
-- state change of the cutover is a row in cutover_transitions with one outbox event.
CREATE TABLE walletflow.cutovers (
    cutover_id      text        PRIMARY KEY,
    idempotency_key text        NOT NULL UNIQUE,
    file_hash       bytea       NOT NULL,
    status          text        NOT NULL,
    step            text        NOT NULL,
    detail          text,
    row_count       integer     NOT NULL CHECK (row_count > 0),
    batch_size      integer     NOT NULL CHECK (batch_size > 0),
    batch_count     integer     NOT NULL CHECK (batch_count > 0),
    requested_by    text        NOT NULL,
    ledger_totals   jsonb,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE TABLE walletflow.cutover_rows (
    cutover_id       text        NOT NULL REFERENCES walletflow.cutovers (cutover_id),
    line             integer     NOT NULL,
    batch            integer     NOT NULL,
    wallet_id        text        NOT NULL,
    owner_id         text        NOT NULL,
    currency         text        NOT NULL,
    balance          bigint      NOT NULL CHECK (balance >= 0),
    legacy_ref       text,
    -- set by the posting batch: the opening balance's command (NULL for a zero balance: nothing posted)
    posted_at        timestamptz,
    posted_command   text,
    post_failure     text,
    -- set by the rollback batch
    reversed_at      timestamptz,
    reversed_command text,
    reverse_failure  text,
    PRIMARY KEY (cutover_id, line),
    UNIQUE (cutover_id, wallet_id)
);
CREATE INDEX cutover_rows_batch ON walletflow.cutover_rows (cutover_id, batch);

CREATE TABLE walletflow.cutover_transitions (
    cutover_id  text        NOT NULL REFERENCES walletflow.cutovers (cutover_id),
    step        text        NOT NULL,
    seq         bigint      GENERATED ALWAYS AS IDENTITY,
    status      text        NOT NULL,
    detail      text,
    actor       text,
    at          timestamptz NOT NULL,
    PRIMARY KEY (cutover_id, step)
);
