-- 0006: walletflow's command side (design.md §5, §6, §7, §11): wallets, permanent idempotency claims,
-- commands, holds, rolling-reserve tranches, payouts, the statements read model, the outbox and
-- feature flags. No balance is stored here that the ledger does not also hold: statements are a
-- read model the statements gate compares with the ledger, never a source of truth.

CREATE TABLE walletflow.wallets (
    wallet_id   text        PRIMARY KEY CHECK (wallet_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    owner_id    text        NOT NULL CHECK (length(owner_id) BETWEEN 1 AND 128),
    currency    text        NOT NULL,
    status      text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'frozen', 'closed')),
    created_at  timestamptz NOT NULL
);
CREATE INDEX wallets_owner ON walletflow.wallets (owner_id);

-- An owner's rolling reserve: this share of every pay-in is kept in wallets:{id}:reserve for
-- hold_days, then released back to the wallet (reserve-release).
CREATE TABLE walletflow.reserve_policies (
    owner_id    text        PRIMARY KEY,
    rate_bps    integer     NOT NULL CHECK (rate_bps BETWEEN 0 AND 10000),
    hold_days   integer     NOT NULL CHECK (hold_days BETWEEN 0 AND 3650),
    updated_at  timestamptz NOT NULL
);

-- Permanent idempotency claims (design.md §5). No expiry column on purpose: a claim never expires.
-- A claim is inserted with INSERT … ON CONFLICT DO NOTHING in the transaction that writes the
-- command's state, so a claim exists exactly when the command's effects do: 'in_flight' is only ever
-- seen inside that transaction (other requests learn of it from the key's advisory lock).
CREATE TABLE walletflow.idempotency_claims (
    idempotency_key text        PRIMARY KEY CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    operation       text        NOT NULL,
    request_hash    bytea       NOT NULL,
    status          text        NOT NULL CHECK (status IN ('in_flight', 'succeeded', 'accepted')),
    result          jsonb,
    claimed_at      timestamptz NOT NULL
);

-- One row per money movement that happened (rejections write nothing).
CREATE TABLE walletflow.commands (
    command_id      text        PRIMARY KEY,
    idempotency_key text        NOT NULL UNIQUE REFERENCES walletflow.idempotency_claims (idempotency_key),
    operation       text        NOT NULL,
    template        text        NOT NULL,
    ledger_tx_id    bigint      NOT NULL,
    reference       text        NOT NULL UNIQUE,
    request         jsonb       NOT NULL,
    created_at      timestamptz NOT NULL
);

-- Holds of both kinds: generic holds and payout holds. An open hold's ledger account
-- wallets:{wallet_id}:holds:{hold_id} holds exactly amount + fee (the holds gate checks it).
CREATE TABLE walletflow.holds (
    hold_id     text        PRIMARY KEY CHECK (hold_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    wallet_id   text        NOT NULL REFERENCES walletflow.wallets (wallet_id),
    kind        text        NOT NULL CHECK (kind IN ('generic', 'payout')),
    currency    text        NOT NULL,
    amount      bigint      NOT NULL CHECK (amount > 0),
    fee         bigint      NOT NULL DEFAULT 0 CHECK (fee >= 0),
    status      text        NOT NULL CHECK (status IN ('open', 'settled', 'released')),
    placed_by   text        NOT NULL REFERENCES walletflow.commands (command_id),
    closed_by   text        REFERENCES walletflow.commands (command_id),
    created_at  timestamptz NOT NULL,
    closed_at   timestamptz,
    CHECK ((status = 'open') = (closed_by IS NULL))
);
CREATE INDEX holds_open ON walletflow.holds (wallet_id) WHERE status = 'open';

-- Rolling-reserve tranches: one per pay-in that reserved something.
CREATE TABLE walletflow.reserve_tranches (
    tranche_id  text        PRIMARY KEY,
    wallet_id   text        NOT NULL REFERENCES walletflow.wallets (wallet_id),
    currency    text        NOT NULL,
    amount      bigint      NOT NULL CHECK (amount > 0),
    matures_at  timestamptz NOT NULL,
    created_by  text        NOT NULL REFERENCES walletflow.commands (command_id),
    released_by text        REFERENCES walletflow.commands (command_id),
    released_at timestamptz
);
CREATE INDEX reserve_tranches_due ON walletflow.reserve_tranches (wallet_id, matures_at) WHERE released_by IS NULL;

-- Payouts (the saga's state, design.md §7). Instance id of the orchestration = payout_id.
CREATE TABLE walletflow.payouts (
    payout_id          text        PRIMARY KEY CHECK (payout_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    wallet_id          text        NOT NULL REFERENCES walletflow.wallets (wallet_id),
    currency           text        NOT NULL,
    amount             bigint      NOT NULL CHECK (amount > 0),
    fee                bigint      NOT NULL DEFAULT 0 CHECK (fee >= 0),
    provider_id        text        NOT NULL,
    beneficiary        jsonb       NOT NULL,
    status             text        NOT NULL,
    provider_reference text,
    detail             text,
    requeries          integer     NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
CREATE INDEX payouts_status ON walletflow.payouts (status, updated_at);

-- Every payout state change, in order (the payouts row keeps only the latest). A saga step records
-- its transition under a step name unique per payout, so a step that runs twice records once.
CREATE TABLE walletflow.payout_transitions (
    payout_id   text        NOT NULL REFERENCES walletflow.payouts (payout_id),
    step        text        NOT NULL,
    seq         bigint      GENERATED ALWAYS AS IDENTITY,
    status      text        NOT NULL,
    detail      text,
    at          timestamptz NOT NULL,
    PRIMARY KEY (payout_id, step)
);

-- The statements read model (design.md §8 gate 3): per wallet account and asset, every ledger
-- movement that touched it, and the running balance.
CREATE TABLE walletflow.statement_balances (
    account     text        NOT NULL,
    asset       text        NOT NULL,
    wallet_id   text        NOT NULL,
    balance     numeric     NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (account, asset)
);
CREATE INDEX statement_balances_wallet ON walletflow.statement_balances (wallet_id);

CREATE TABLE walletflow.statement_lines (
    line_id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    wallet_id     text        NOT NULL,
    account       text        NOT NULL,
    asset         text        NOT NULL,
    amount        numeric     NOT NULL, -- signed: received − sent by this transaction
    balance_after numeric     NOT NULL,
    ledger_tx_id  bigint      NOT NULL,
    command_id    text        REFERENCES walletflow.commands (command_id),
    operation     text        NOT NULL,
    at            timestamptz NOT NULL
);
CREATE INDEX statement_lines_wallet ON walletflow.statement_lines (wallet_id, line_id);

-- Transactional outbox (design.md §11): written in the command's transaction; the relay publishes
-- in id order, which is also the order per aggregate, at least once, with dedup_id for consumers.
CREATE TABLE walletflow.outbox (
    outbox_id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    aggregate_type text        NOT NULL,
    aggregate_id   text        NOT NULL,
    event_type     text        NOT NULL,
    dedup_id       text        NOT NULL UNIQUE,
    payload        jsonb       NOT NULL,
    created_at     timestamptz NOT NULL,
    published_at   timestamptz
);
CREATE INDEX outbox_unpublished ON walletflow.outbox (outbox_id) WHERE published_at IS NULL;
CREATE INDEX outbox_aggregate ON walletflow.outbox (aggregate_type, aggregate_id, outbox_id);

CREATE TABLE walletflow.feature_flags (
    name        text        PRIMARY KEY,
    enabled     boolean     NOT NULL,
    reason      text,
    updated_by  text        NOT NULL,
    updated_at  timestamptz NOT NULL
);
