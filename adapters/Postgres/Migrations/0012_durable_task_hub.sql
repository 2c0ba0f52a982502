-- The durable-task store (adapters/Durable/Postgres): orchestration instances, their history, the
-- messages waiting for an orchestration (events, activity results, timers) and the activity work
-- items. Several walletflow processes share it: a work item is leased (lock_token, lock_owner,
-- lock_expires_at), taken with FOR UPDATE SKIP LOCKED, and a dead process's lease runs out so another
-- takes the work over. Nothing is deleted from history until its instance is purged.
CREATE SCHEMA IF NOT EXISTS durable;

CREATE TABLE durable.instances (
    instance_id     text        PRIMARY KEY,
    execution_id    text        NOT NULL,
    name            text        NOT NULL,
    version         text,
    status          text        NOT NULL,
    created_at      timestamptz NOT NULL,
    last_updated_at timestamptz NOT NULL,
    completed_at    timestamptz,
    -- DurableTask.Core's OrchestrationState (input, output, custom status, failure, tags) as JSON.
    state           text        NOT NULL,
    lock_token      uuid,
    lock_owner      text,
    lock_expires_at timestamptz
);
CREATE INDEX instances_status_created ON durable.instances (status, created_at);
CREATE INDEX instances_created ON durable.instances (created_at);
CREATE INDEX instances_completed ON durable.instances (completed_at) WHERE completed_at IS NOT NULL;

CREATE TABLE durable.history (
    instance_id  text        NOT NULL,
    execution_id text        NOT NULL,
    sequence     integer     NOT NULL,
    event_type   text        NOT NULL,
    recorded_at  timestamptz NOT NULL,
    event        text        NOT NULL,
    PRIMARY KEY (instance_id, execution_id, sequence)
);

-- Messages for an orchestration: visible once visible_at has passed (a timer's fire time).
CREATE TABLE durable.new_events (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id  text        NOT NULL,
    execution_id text,
    event_type   text        NOT NULL,
    visible_at   timestamptz NOT NULL,
    message      text        NOT NULL
);
CREATE INDEX new_events_visible ON durable.new_events (visible_at);
CREATE INDEX new_events_instance ON durable.new_events (instance_id, id);

CREATE TABLE durable.new_tasks (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id     text        NOT NULL,
    execution_id    text,
    name            text        NOT NULL,
    visible_at      timestamptz NOT NULL,
    dequeue_count   integer     NOT NULL DEFAULT 0,
    lock_token      uuid,
    lock_owner      text,
    lock_expires_at timestamptz,
    message         text        NOT NULL
);
CREATE INDEX new_tasks_instance ON durable.new_tasks (instance_id);
