using Npgsql;
using NpgsqlTypes;
using WalletFlow.Core.Payouts;

namespace WalletFlow.Adapters.Stores;

/// <summary>
/// How a payout transition is written, for the payout store and for the money movements that carry one
/// (hold, settle, release: their transition commits with the ledger movement, in its transaction).
/// The transition row is keyed by step (a step recorded again adds no row and no event); the payouts row
/// moves to the transition's status whenever <see cref="PayoutLifecycle.MayMove"/> allows it, so a
/// re-driven step brings back a row that missed its last write.
/// </summary>
public static class PayoutTransitionWrites
{
    /// <summary>One transition with its own outbox event (the steps that move no money).</summary>
    public static NpgsqlBatchCommand WithEvent(string payoutId, PayoutTransition transition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var command = new NpgsqlBatchCommand("""
            WITH added AS (
                INSERT INTO walletflow.payout_transitions (payout_id, step, status, detail, at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (payout_id, step) DO NOTHING
                RETURNING payout_id),
            moved AS (
                UPDATE walletflow.payouts SET status = $3, detail = COALESCE($4, detail), provider_reference = COALESCE($6, provider_reference),
                    requeries = COALESCE($7, requeries), updated_at = $5
                WHERE payout_id = $1 AND status = ANY($8)
                RETURNING 1)
            INSERT INTO walletflow.outbox (aggregate_type, aggregate_id, event_type, dedup_id, payload, created_at)
            SELECT 'payout', $1, $9, $1 || ':' || $2,
                   jsonb_build_object('payoutId', $1::text, 'step', $2::text, 'status', $3::text, 'detail', $4::text, 'providerReference', $6::text), $5
            FROM added
            ON CONFLICT (dedup_id) DO NOTHING
            """);
        Add(command, payoutId, transition.Step, transition.Status.ToString(), transition.Detail, now, transition.ProviderReference,
            transition.Requeries, Texts(PayoutLifecycle.MayMoveFrom(transition.Status).Select(s => s.ToString())), transition.EventType);
        return command;
    }

    /// <summary>
    /// The transitions of a group of money movements, without events: each movement's own outbox event
    /// is its transition's (<see cref="PayoutTransition.EventType"/>), so a fact is published once. A hold
    /// moved without a payouts row (the use case run on its own) writes no transition.
    /// </summary>
    public static NpgsqlBatchCommand WithoutEvents(IReadOnlyList<(string PayoutId, PayoutTransition Transition)> moves, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(moves);
        var command = new NpgsqlBatchCommand("""
            WITH m AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY
                    AS m(payout_id, step, status, detail, provider_reference, may_move_from, n)),
            added AS (
                INSERT INTO walletflow.payout_transitions (payout_id, step, status, detail, at)
                SELECT m.payout_id, m.step, m.status, m.detail, $7 FROM m
                WHERE EXISTS (SELECT 1 FROM walletflow.payouts p WHERE p.payout_id = m.payout_id) ORDER BY m.n
                ON CONFLICT (payout_id, step) DO NOTHING)
            UPDATE walletflow.payouts p SET status = m.status, detail = COALESCE(m.detail, p.detail),
                provider_reference = COALESCE(m.provider_reference, p.provider_reference), updated_at = $7
            FROM m WHERE p.payout_id = m.payout_id AND p.status = ANY(string_to_array(m.may_move_from, ','))
            """);
        Add(command, Texts(moves.Select(m => m.PayoutId)), Texts(moves.Select(m => m.Transition.Step)),
            Texts(moves.Select(m => m.Transition.Status.ToString())), Texts(moves.Select(m => m.Transition.Detail)),
            Texts(moves.Select(m => m.Transition.ProviderReference)),
            Texts(moves.Select(m => string.Join(',', PayoutLifecycle.MayMoveFrom(m.Transition.Status)))), now);
        return command;
    }

    private static void Add(NpgsqlBatchCommand command, params object?[] values)
    {
        foreach (var value in values)
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
    }

    private static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
