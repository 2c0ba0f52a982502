-- 0013: who may do what (design.md §10): API clients (keys stored as a SHA-256 hash, shown once),
-- operators (passwords hashed by ASP.NET Core Identity's PasswordHasher, locked after repeated
-- failures) and the audit of every authenticated write and every refused request.

CREATE SCHEMA IF NOT EXISTS identity;

-- A key is 256 random bits: a single SHA-256 of it is enough (no dictionary to guess from), and lets a
-- request find its client by one index look-up. The key itself is never stored.
CREATE TABLE identity.api_clients (
    client_id  text        PRIMARY KEY,
    name       text        NOT NULL,
    key_hash   bytea       NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
    scopes     text[]      NOT NULL CHECK (cardinality(scopes) > 0),
    created_at timestamptz NOT NULL,
    created_by text        NOT NULL,
    revoked_at timestamptz,
    revoked_by text
);
-- One live client per name; a revoked name may be reused.
CREATE UNIQUE INDEX api_clients_live_name ON identity.api_clients (name) WHERE revoked_at IS NULL;

CREATE TABLE identity.operators (
    name            text        PRIMARY KEY,
    role            text        NOT NULL CHECK (role IN ('viewer', 'operator', 'approver', 'admin')),
    password_hash   text        NOT NULL,
    failed_attempts integer     NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until    timestamptz,
    created_at      timestamptz NOT NULL,
    disabled_at     timestamptz
);

-- Append-only: nothing updates or deletes an audit row.
CREATE TABLE identity.audit (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              timestamptz NOT NULL,
    actor           text,
    actor_kind      text        NOT NULL,
    method          text        NOT NULL,
    path            text        NOT NULL,
    endpoint        text,
    idempotency_key text,
    status          integer     NOT NULL,
    outcome         text        NOT NULL,
    trace_id        text
);
CREATE INDEX audit_actor_at ON identity.audit (actor, at);
