-- ledger.apply_postings: the funds rule. Postings applied in order to the locked volumes
-- {"address asset": [input, output]}; a source other than world must hold each posting's amount
-- when it is applied (a later posting cannot pay for an earlier one), and only when p_check_funds
-- (scripts were checked by the interpreter, forced writes skip it). A shortfall is returned, not
-- raised, with the message the API answers as INSUFFICIENT_FUND; post is then null.
-- Called by: ledger.write_transaction (which raises the shortfall as SQLSTATE WF001) and
-- ledger.write_transactions (which answers it as that request's INSUFFICIENT_FUND): one rule, one place.
-- First created by migration 0009; this file is its current definition, re-applied on every migrate.
CREATE OR REPLACE FUNCTION ledger.apply_postings(
    p_work jsonb, p_sources text[], p_destinations text[], p_assets text[], p_amounts numeric[], p_check_funds boolean,
    OUT post jsonb, OUT shortfall text)
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v_src text;
    v_dst text;
    v_balance numeric;
    i int;
BEGIN
    post := p_work;
    FOR i IN 1 .. coalesce(array_length(p_sources, 1), 0) LOOP
        v_src := p_sources[i] || ' ' || p_assets[i];
        v_dst := p_destinations[i] || ' ' || p_assets[i];
        v_balance := (post -> v_src ->> 0)::numeric - (post -> v_src ->> 1)::numeric;
        IF p_check_funds AND p_sources[i] <> 'world' AND v_balance < p_amounts[i] THEN
            post := NULL;
            shortfall := format('account ''%s'' has insufficient funds of %s: needed %s, available %s',
                p_sources[i], p_assets[i], p_amounts[i], greatest(v_balance, 0));
            RETURN;
        END IF;
        post := jsonb_set(post, ARRAY[v_src, '1'], to_jsonb((post -> v_src ->> 1)::numeric + p_amounts[i]));
        post := jsonb_set(post, ARRAY[v_dst, '0'], to_jsonb((post -> v_dst ->> 0)::numeric + p_amounts[i]));
    END LOOP;
END
$$;
