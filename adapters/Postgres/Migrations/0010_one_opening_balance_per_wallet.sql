-- 0010: a wallet gets at most one migration opening balance. PostOpeningBalance checks first (under
-- the wallet's row lock, for a clear 409); this index makes a second one impossible whatever the
-- path, and serves that check's lookup.
CREATE UNIQUE INDEX commands_one_opening_balance_per_wallet
    ON walletflow.commands ((request->>'walletId'))
    WHERE template = 'migration-opening-balance';
