-- Issue 20 §3: a chart of accounts can be imported; each version records who stored it. Versions
-- stored before this migration were published from the seed at start-up.
ALTER TABLE walletflow.coa_versions ADD COLUMN published_by text NOT NULL DEFAULT 'walletflow (seed)';
ALTER TABLE walletflow.coa_versions ALTER COLUMN published_by DROP DEFAULT;
