-- 0016: reserve policies get a write path and tranches a maturity timer (issue 18 §3).

-- Who set the policy last (null for a policy written with SQL before this migration).
ALTER TABLE walletflow.reserve_policies ADD COLUMN updated_by text;

-- Every change of a policy, who made it and when: the policies row keeps only the latest.
CREATE TABLE walletflow.reserve_policy_changes (
    change_id   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id    text        NOT NULL,
    rate_bps    integer     NOT NULL CHECK (rate_bps BETWEEN 0 AND 10000),
    hold_days   integer     NOT NULL CHECK (hold_days BETWEEN 0 AND 3650),
    changed_by  text        NOT NULL,
    changed_at  timestamptz NOT NULL
);
CREATE INDEX reserve_policy_changes_owner ON walletflow.reserve_policy_changes (owner_id, change_id);

-- The maturity timer asks for the oldest unreleased tranches across every wallet; the index of 0006
-- leads with wallet_id and serves a release by hand, not this.
CREATE INDEX reserve_tranches_maturing ON walletflow.reserve_tranches (matures_at, tranche_id) WHERE released_by IS NULL;
