-- 0002: the embedded ledger (Formance Ledger v2 semantics on PostgreSQL).
-- Balances are never stored as such: ledger.volumes holds per (account, asset) the sums received
-- (input) and sent (output), a derived aggregate written in the same transaction as the postings.
-- `walletflow ledger verify` recomputes it from ledger.moves and the log's hash chain from its entries.
CREATE SCHEMA IF NOT EXISTS ledger;

CREATE TABLE ledger.ledgers (
    name          text PRIMARY KEY CHECK (name ~ '^[0-9A-Za-z_-]{1,63}$'),
    bucket        text NOT NULL DEFAULT '_default',
    metadata      jsonb NOT NULL DEFAULT '{}',
    added_at      timestamptz NOT NULL,
    -- The serialised tail of every write: the next ids and the last log hash, taken under this row's lock.
    next_tx_id    bigint NOT NULL DEFAULT 0,
    next_log_id   bigint NOT NULL DEFAULT 0,
    last_log_hash bytea
);

CREATE TABLE ledger.transactions (
    ledger        text NOT NULL REFERENCES ledger.ledgers (name),
    id            bigint NOT NULL,
    timestamp     timestamptz NOT NULL,
    inserted_at   timestamptz NOT NULL,
    reference     text,
    metadata      jsonb NOT NULL DEFAULT '{}',
    reverted_at   timestamptz,
    reverted_by   bigint,
    PRIMARY KEY (ledger, id)
);
CREATE UNIQUE INDEX transactions_reference ON ledger.transactions (ledger, reference) WHERE reference IS NOT NULL;
CREATE INDEX transactions_timestamp ON ledger.transactions (ledger, timestamp, id);

CREATE TABLE ledger.postings (
    ledger        text NOT NULL,
    tx_id         bigint NOT NULL,
    seq           int NOT NULL,
    source        text NOT NULL,
    destination   text NOT NULL,
    asset         text NOT NULL,
    amount        numeric(78, 0) NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (ledger, tx_id, seq),
    FOREIGN KEY (ledger, tx_id) REFERENCES ledger.transactions (ledger, id)
);

-- One row per side of each posting: what an account received (input) or sent (output) in a
-- transaction. Point-in-time balances and verification sum these.
CREATE TABLE ledger.moves (
    ledger        text NOT NULL,
    tx_id         bigint NOT NULL,
    seq           int NOT NULL,
    is_source     boolean NOT NULL,
    address       text NOT NULL,
    asset         text NOT NULL,
    amount        numeric(78, 0) NOT NULL CHECK (amount >= 0),
    timestamp     timestamptz NOT NULL,
    PRIMARY KEY (ledger, tx_id, seq, is_source)
);
CREATE INDEX moves_account ON ledger.moves (ledger, address, asset, tx_id);
CREATE INDEX moves_account_time ON ledger.moves (ledger, address, timestamp);

CREATE TABLE ledger.accounts (
    ledger        text NOT NULL REFERENCES ledger.ledgers (name),
    address       text NOT NULL,
    first_usage   timestamptz NOT NULL,
    insertion_date timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    metadata      jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (ledger, address)
);

CREATE TABLE ledger.volumes (
    ledger        text NOT NULL,
    address       text NOT NULL,
    asset         text NOT NULL,
    input         numeric(78, 0) NOT NULL DEFAULT 0 CHECK (input >= 0),
    output        numeric(78, 0) NOT NULL DEFAULT 0 CHECK (output >= 0),
    PRIMARY KEY (ledger, address, asset)
);

-- Permanent: same key + same request → the original result; same key + another request → CONFLICT.
CREATE TABLE ledger.idempotency_keys (
    ledger        text NOT NULL,
    key           text NOT NULL,
    request_hash  bytea NOT NULL,
    tx_id         bigint NOT NULL,
    PRIMARY KEY (ledger, key)
);

-- Append-only: each entry's hash covers the previous entry's hash and this entry's payload.
CREATE TABLE ledger.logs (
    ledger        text NOT NULL,
    id            bigint NOT NULL,
    type          text NOT NULL,
    -- json, not jsonb: the exact text that was hashed is the text kept, so verification can re-hash it.
    data          json NOT NULL,
    date          timestamptz NOT NULL,
    hash          bytea NOT NULL,
    PRIMARY KEY (ledger, id)
);
