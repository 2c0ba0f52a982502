-- walletflow.expect_rows: raises unless a statement changed exactly the rows it had to. Command writes
-- (adapters/Stores/CommandRecordWrites.cs) close holds and release tranches set-based in a batch that
-- ends with COMMIT: an UPDATE that finds fewer open rows than its movements planned must abort the
-- transaction before that COMMIT, not be noticed after it.
CREATE OR REPLACE FUNCTION walletflow.expect_rows(p_actual bigint, p_expected bigint, p_what text)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF p_actual IS DISTINCT FROM p_expected THEN
        RAISE EXCEPTION USING ERRCODE = 'WF002', MESSAGE = format('%s changed %s rows, expected %s', p_what, p_actual, p_expected);
    END IF;
END
$$;
