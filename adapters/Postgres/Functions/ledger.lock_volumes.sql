-- ledger.lock_volumes: the one lock order of every ledger write, in one place. Creates the missing
-- (account, asset) volumes rows at zero and locks every row a write touches in (address, asset)
-- byte order (COLLATE "C"), returning their input and output, so two writers over the same
-- accounts queue instead of deadlocking.
-- Called by: ledger.write_transaction (the single write), and a Numscript run loading its balances
-- before the interpreter reads them (EmbeddedLedger.LockVolumesAsync, EmbeddedLedger.Scripts.cs).
-- First created by migration 0005; this file is its current definition, re-applied on every migrate.
CREATE OR REPLACE FUNCTION ledger.lock_volumes(p_ledger text, p_addresses text[], p_assets text[])
RETURNS TABLE (out_address text, out_asset text, out_input numeric, out_output numeric)
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger.volumes (ledger, address, asset)
    SELECT p_ledger, t.address, t.asset
    FROM (SELECT DISTINCT u.address, u.asset FROM unnest(p_addresses, p_assets) AS u(address, asset)) t
    ORDER BY t.address COLLATE "C", t.asset COLLATE "C"
    ON CONFLICT DO NOTHING;

    RETURN QUERY
    SELECT v.address, v.asset, v.input, v.output FROM ledger.volumes v
    JOIN (SELECT DISTINCT u.address, u.asset FROM unnest(p_addresses, p_assets) AS u(address, asset)) t
      ON v.address = t.address AND v.asset = t.asset
    WHERE v.ledger = p_ledger
    ORDER BY v.address COLLATE "C", v.asset COLLATE "C"
    FOR UPDATE OF v;
END
$$;
