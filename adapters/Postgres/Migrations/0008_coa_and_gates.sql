-- 0008: the chart of accounts as published versions (design.md §3: loaded from seed/, versioned,
-- compared for drift), the reconciliation gate runs with their history (§8), and the audit trail of
-- feature-flag changes (walletflow.feature_flags itself is in 0006).

-- One row per published version of the chart and its event→GL map. A version is never changed:
-- a new seed is published as the next version, so a past trial balance names the chart it used.
CREATE TABLE walletflow.coa_versions (
    version      integer     PRIMARY KEY CHECK (version > 0),
    source       text        NOT NULL,
    published_at timestamptz NOT NULL
);

CREATE TABLE walletflow.coa_entries (
    version         integer NOT NULL REFERENCES walletflow.coa_versions (version),
    position        integer NOT NULL,
    gl_code         text    NOT NULL,
    name            text    NOT NULL,
    class           text    NOT NULL,
    normal_balance  text    NOT NULL CHECK (normal_balance IN ('debit', 'credit')),
    address_pattern text    NOT NULL,
    description     text    NOT NULL,
    PRIMARY KEY (version, gl_code),
    UNIQUE (version, position)
);

CREATE TABLE walletflow.coa_event_gl (
    version     integer NOT NULL REFERENCES walletflow.coa_versions (version),
    position    integer NOT NULL,
    template    text    NOT NULL,
    leg         integer NOT NULL CHECK (leg > 0),
    description text    NOT NULL,
    debit_gl    text    NOT NULL,
    credit_gl   text    NOT NULL,
    PRIMARY KEY (version, template, leg),
    UNIQUE (version, position)
);

-- Gate runs (design.md §8): one row per run, one per gate of it, details naming the offending
-- accounts or rows. Kept as history; nothing here is ever updated.
CREATE TABLE walletflow.gate_runs (
    run_id  uuid        PRIMARY KEY,
    at      timestamptz NOT NULL,
    passed  boolean     NOT NULL,
    trigger text        NOT NULL
);
CREATE INDEX gate_runs_at ON walletflow.gate_runs (at DESC);

CREATE TABLE walletflow.gate_results (
    run_id   uuid    NOT NULL REFERENCES walletflow.gate_runs (run_id),
    position integer NOT NULL,
    gate     text    NOT NULL CHECK (gate IN ('books-foot', 'holds-match', 'statements-match', 'coa-coverage')),
    passed   boolean NOT NULL,
    details  jsonb   NOT NULL,
    PRIMARY KEY (run_id, gate)
);

-- Who changed which flag, when and why (a pause set by a failed gate, an operator's acknowledgement).
CREATE TABLE walletflow.feature_flag_changes (
    change_id  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL,
    enabled    boolean     NOT NULL,
    reason     text,
    changed_by text        NOT NULL,
    changed_at timestamptz NOT NULL
);
CREATE INDEX feature_flag_changes_name ON walletflow.feature_flag_changes (name, change_id);
