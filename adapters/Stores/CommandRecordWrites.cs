using Npgsql;
using NpgsqlTypes;
using WalletFlow.Core.Movements;

namespace WalletFlow.Adapters.Stores;

/// <summary>
/// The rows completed movements write with their claims, any number at once, as set-based statements
/// appended to a batch (the caller adds its COMMIT; an UPDATE that finds fewer open rows than planned
/// raises, walletflow.expect_rows, so that COMMIT never runs): the claims with their stored receipts, commands,
/// holds and reserve tranches opened or closed, payout transitions, statements, and outbox events in movement order.
/// </summary>
public static class CommandRecordWrites
{
    /// <summary>Appends the writes of <paramref name="records"/> (each with its claimed key and request hash) to <paramref name="batch"/>.</summary>
    public static void AddTo(NpgsqlBatch batch, IReadOnlyList<(string Key, byte[] Hash, CommandRecord Record)> records, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(records);
        var receipts = records.Select(r => r.Record.Receipt).ToArray();
        Add(batch, """
            INSERT INTO walletflow.idempotency_claims (idempotency_key, operation, request_hash, status, result, claimed_at)
            SELECT k, o, h, 'succeeded', r, $5 FROM unnest($1::text[], $2::text[], $3::bytea[], $4::jsonb[]) AS c(k, o, h, r)
            """,
            Texts(records.Select(r => r.Key)), Texts(receipts.Select(r => r.Operation)), records.Select(r => r.Hash).ToArray(),
            Jsonb(receipts.Select(ReceiptJson.Write)), now);
        Add(batch, """
            INSERT INTO walletflow.commands (command_id, idempotency_key, operation, template, ledger_tx_id, reference, request, created_at)
            SELECT * , $8 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::jsonb[])
            """,
            Texts(receipts.Select(r => r.CommandId)), Texts(records.Select(r => r.Key)), Texts(receipts.Select(r => r.Operation)),
            Texts(records.Select(r => r.Record.Template)), receipts.Select(r => r.TransactionId).ToArray(),
            Texts(records.Select(r => r.Record.Reference)), Jsonb(records.Select(r => r.Record.CanonicalRequest)), now);
        AddStateChanges(batch, records, now);
        AddStatements(batch, records, now);
        var events = records.Select(r => r.Record.Event).ToArray();
        Add(batch, """
            INSERT INTO walletflow.outbox (aggregate_type, aggregate_id, event_type, dedup_id, payload, created_at)
            SELECT t, i, e, d, p, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[]) WITH ORDINALITY AS o(t, i, e, d, p, n) ORDER BY n
            """,
            Texts(events.Select(e => e.AggregateType)), Texts(events.Select(e => e.AggregateId)), Texts(events.Select(e => e.EventType)),
            Texts(events.Select(e => e.DeduplicationId)), Jsonb(events.Select(e => e.Payload)), now);
    }

    private static void AddStateChanges(NpgsqlBatch batch, IReadOnlyList<(string Key, byte[] Hash, CommandRecord Record)> records, DateTimeOffset now)
    {
        var changes = records.SelectMany(r => r.Record.StateChanges.Select(c => (r.Record.Receipt.CommandId, Change: c))).ToList();
        var opened = changes.Where(c => c.Change is StateChange.HoldOpened).Select(c => (c.CommandId, Hold: (StateChange.HoldOpened)c.Change)).ToList();
        if (opened.Count > 0)
        {
            Add(batch, """
                INSERT INTO walletflow.holds (hold_id, wallet_id, kind, currency, amount, fee, status, placed_by, created_at)
                SELECT h, w, k, c, a, f, 'open', p, $8 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[]) AS o(h, w, k, c, a, f, p)
                """,
                Texts(opened.Select(o => o.Hold.HoldId)), Texts(opened.Select(o => o.Hold.WalletId)),
                Texts(opened.Select(o => HoldColumns.Kind(o.Hold.Kind))), Texts(opened.Select(o => o.Hold.Amount.Currency.Code)),
                opened.Select(o => o.Hold.Amount.MinorUnits).ToArray(), opened.Select(o => o.Hold.Fee.MinorUnits).ToArray(),
                Texts(opened.Select(o => o.CommandId)), now);
        }
        var closed = changes.Where(c => c.Change is StateChange.HoldClosed).Select(c => (c.CommandId, Hold: (StateChange.HoldClosed)c.Change)).ToList();
        if (closed.Count > 0)
        {
            Add(batch, """
                WITH closed AS (
                    UPDATE walletflow.holds h SET status = u.s, closed_by = u.c, closed_at = $4
                    FROM unnest($1::text[], $2::text[], $3::text[]) AS u(h, s, c) WHERE h.hold_id = u.h AND h.status = 'open'
                    RETURNING 1)
                SELECT walletflow.expect_rows((SELECT count(*) FROM closed), $5, 'closing holds')
                """,
                Texts(closed.Select(c => c.Hold.HoldId)), Texts(closed.Select(c => HoldColumns.ClosedStatus(c.Hold.Outcome))),
                Texts(closed.Select(c => c.CommandId)), now, (long)closed.Count);
        }
        var added = changes.Where(c => c.Change is StateChange.ReserveTrancheAdded).Select(c => (c.CommandId, Tranche: (StateChange.ReserveTrancheAdded)c.Change)).ToList();
        if (added.Count > 0)
        {
            Add(batch, """
                INSERT INTO walletflow.reserve_tranches (tranche_id, wallet_id, currency, amount, matures_at, created_by)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[], $6::text[])
                """,
                Texts(added.Select(a => a.Tranche.TrancheId)), Texts(added.Select(a => a.Tranche.WalletId)),
                Texts(added.Select(a => a.Tranche.Amount.Currency.Code)), added.Select(a => a.Tranche.Amount.MinorUnits).ToArray(),
                added.Select(a => a.Tranche.MaturesAt.ToUniversalTime()).ToArray(), Texts(added.Select(a => a.CommandId)));
        }
        var released = changes.Where(c => c.Change is StateChange.ReserveTranchesReleased)
            .SelectMany(c => ((StateChange.ReserveTranchesReleased)c.Change).TrancheIds.Select(t => (c.CommandId, TrancheId: t))).ToList();
        if (released.Count > 0)
        {
            Add(batch, """
                WITH released AS (
                    UPDATE walletflow.reserve_tranches t SET released_by = u.c, released_at = $3
                    FROM unnest($1::text[], $2::text[]) AS u(t, c) WHERE t.tranche_id = u.t AND t.released_by IS NULL
                    RETURNING 1)
                SELECT walletflow.expect_rows((SELECT count(*) FROM released), $4, 'releasing reserve tranches')
                """,
                Texts(released.Select(r => r.TrancheId)), Texts(released.Select(r => r.CommandId)), now, (long)released.Count);
        }
        var moved = changes.Select(c => c.Change).OfType<StateChange.PayoutMoved>().Select(m => (m.PayoutId, m.Transition)).ToList();
        if (moved.Count > 0)
            batch.BatchCommands.Add(PayoutTransitionWrites.WithoutEvents(moved, now));
    }

    // The statements read model: one balance row per wallet account and asset, one line per change with
    // the balance after it. Several movements of the batch may touch one account: its balance row is
    // updated once by their sum, and each line's balance is the new balance less what later lines add.
    // Balance rows are locked in (account, asset) order, so batches crossing the same wallets cannot deadlock.
    private static void AddStatements(NpgsqlBatch batch, IReadOnlyList<(string Key, byte[] Hash, CommandRecord Record)> records, DateTimeOffset now)
    {
        var lines = records.SelectMany(r => r.Record.Statements.Select(s => (r.Record.Receipt, Line: s))).ToList();
        if (lines.Count == 0)
            return;
        Add(batch, """
            WITH e AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::bigint[], $6::text[], $7::text[]) WITH ORDINALITY
                    AS e(wallet_id, account, asset, amount, tx_id, command_id, operation, n)),
            totals AS (
                SELECT account, asset, min(wallet_id) AS wallet_id, sum(amount) AS amount FROM e GROUP BY account, asset),
            balances AS (
                INSERT INTO walletflow.statement_balances AS b (account, asset, wallet_id, balance, updated_at)
                SELECT account, asset, wallet_id, amount, $8 FROM totals ORDER BY account COLLATE "C", asset COLLATE "C"
                ON CONFLICT (account, asset) DO UPDATE SET balance = b.balance + EXCLUDED.balance, updated_at = EXCLUDED.updated_at
                RETURNING b.account, b.asset, b.balance)
            INSERT INTO walletflow.statement_lines (wallet_id, account, asset, amount, balance_after, ledger_tx_id, command_id, operation, at)
            SELECT e.wallet_id, e.account, e.asset, e.amount,
                   b.balance - t.amount + sum(e.amount) OVER (PARTITION BY e.account, e.asset ORDER BY e.n),
                   e.tx_id, e.command_id, e.operation, $8
            FROM e JOIN balances b USING (account, asset) JOIN totals t USING (account, asset)
            ORDER BY e.n
            """,
            Texts(lines.Select(l => l.Line.WalletId)), Texts(lines.Select(l => l.Line.Account.Value)), Texts(lines.Select(l => l.Line.Asset)),
            lines.Select(l => l.Line.Amount).ToArray(), lines.Select(l => l.Receipt.TransactionId).ToArray(),
            Texts(lines.Select(l => l.Receipt.CommandId)), Texts(lines.Select(l => l.Receipt.Operation)), now);
    }

    private static void Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        batch.BatchCommands.Add(command);
    }

    private static NpgsqlParameter Texts(IEnumerable<string> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter Jsonb(IEnumerable<string> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb };
}
