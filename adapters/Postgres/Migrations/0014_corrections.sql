-- 0014: maker/checker corrections (design.md §7). A maker asks (PendingApproval); another principal
-- approves or rejects before expires_at; an approval is posted by the correction workflow exactly once
-- (its command's key is 'correction:' || correction_id). Every step is a transition row and one outbox event.

CREATE TABLE walletflow.corrections (
    correction_id   text        PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('Adjustment', 'Reversal')),
    wallet_id       text        REFERENCES walletflow.wallets (wallet_id),
    currency        text,
    credit          bigint      CHECK (credit >= 0),
    debit           bigint      CHECK (debit >= 0),
    reverse_tx_id   bigint      CHECK (reverse_tx_id >= 0),
    reason          text        NOT NULL,
    evidence        text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PendingApproval', 'Approved', 'Rejected', 'Expired', 'Posted', 'Refused')),
    requested_by    text        NOT NULL,
    requested_at    timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    decided_by      text,
    decided_at      timestamptz,
    decision_comment text,
    ledger_tx_id    bigint,
    detail          text,
    updated_at      timestamptz NOT NULL,
    CHECK (CASE kind
        WHEN 'Adjustment' THEN wallet_id IS NOT NULL AND currency IS NOT NULL AND credit IS NOT NULL AND debit IS NOT NULL
                               AND credit + debit > 0 AND reverse_tx_id IS NULL
        ELSE reverse_tx_id IS NOT NULL AND wallet_id IS NULL AND credit IS NULL AND debit IS NULL END),
    -- The checker is someone else than the maker.
    CHECK (decided_by IS DISTINCT FROM requested_by),
    CHECK ((status = 'Posted') = (ledger_tx_id IS NOT NULL))
);
CREATE INDEX corrections_status ON walletflow.corrections (status, requested_at DESC);
-- One live reversal per ledger transaction: a second request while one is pending or approved is refused.
CREATE UNIQUE INDEX corrections_one_live_reversal ON walletflow.corrections (reverse_tx_id)
    WHERE kind = 'Reversal' AND status IN ('PendingApproval', 'Approved');

CREATE TABLE walletflow.correction_transitions (
    seq           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    correction_id text        NOT NULL REFERENCES walletflow.corrections (correction_id),
    status        text        NOT NULL,
    actor         text        NOT NULL,
    detail        text,
    at            timestamptz NOT NULL,
    UNIQUE (correction_id, status)
);
