using WalletFlow.Core.Results;

namespace WalletFlow.Core.Payouts;

/// <summary>
/// The payout lifecycle (design.md §7) in one place: the steps and the names they are recorded and
/// shown under, the statuses each may reach, which status may follow which, and the one outbox event
/// of each fact. The saga, the activities, the store and the sweeper all ask here; none spells a step,
/// a terminal status or an event of its own.
/// </summary>
public static class PayoutLifecycle
{
    /// <summary>The payout was accepted (its row is created).</summary>
    public const string Request = "request";

    /// <summary>Step 1: amount and fee moved into the payout's hold, or the payout refused (nothing held).</summary>
    public const string Hold = "hold";

    /// <summary>
    /// Step 2, first half: the submit is about to be sent. Recorded before the provider is called, so
    /// that from here on nothing but the provider's own answer is a definitive rejection.
    /// </summary>
    public const string SubmitSent = "submit-sent";

    /// <summary>Step 2, second half: the provider's answer to the submit.</summary>
    public const string Submit = "submit";

    /// <summary>Step 5: the requery budget is spent while the answer is not definitive.</summary>
    public const string DeadLetter = "dead-letter";

    /// <summary>Waiting for an operator's resolution (a saga state, no transition of its own).</summary>
    public const string ManualReview = "manual-review";

    /// <summary>Step 4a: the hold paid out.</summary>
    public const string Settle = "settle";

    /// <summary>Step 4b: the hold given back.</summary>
    public const string Release = "release";

    /// <summary>Step 3: the wait before requery number <paramref name="attempt"/> (a saga state, no transition of its own).</summary>
    public static string Wait(int attempt) => $"wait-{attempt}";

    /// <summary>Step 3: requery number <paramref name="attempt"/> (1-based); its transition carries the count itself.</summary>
    public static string Requery(int attempt) => $"requery-{attempt}";

    /// <summary>Statuses nothing moves from any more.</summary>
    public static IReadOnlyList<PayoutStatus> Terminal { get; } = [PayoutStatus.Settled, PayoutStatus.Released, PayoutStatus.Rejected];

    /// <summary>True when the saga is over for good: nothing moves any more.</summary>
    public static bool IsTerminal(PayoutStatus status) => Terminal.Contains(status);

    /// <summary>The statuses a provider's answer (to a submit or a requery) leaves a payout in.</summary>
    private static readonly PayoutStatus[] Answered = [PayoutStatus.Submitted, PayoutStatus.Pending, PayoutStatus.Ambiguous];

    /// <summary>Which status may follow which. A status may follow itself (a re-driven step records again).</summary>
    private static readonly Dictionary<PayoutStatus, PayoutStatus[]> Next = new()
    {
        [PayoutStatus.Requested] = [PayoutStatus.Held, PayoutStatus.Rejected],
        // Held → Submitted only with the nothing-was-sent refusal (no provider for the payout before any submit).
        [PayoutStatus.Held] = [PayoutStatus.Submitting, PayoutStatus.Submitted],
        [PayoutStatus.Submitting] = [.. Answered],
        [PayoutStatus.Submitted] = [.. Answered, PayoutStatus.ManualReview, PayoutStatus.Settled, PayoutStatus.Released],
        [PayoutStatus.Pending] = [.. Answered, PayoutStatus.ManualReview, PayoutStatus.Settled, PayoutStatus.Released],
        [PayoutStatus.Ambiguous] = [.. Answered, PayoutStatus.ManualReview, PayoutStatus.Settled, PayoutStatus.Released],
        // Only the operator's resolution ends manual review: a re-driven saga's answers do not move it back.
        [PayoutStatus.ManualReview] = [PayoutStatus.Settled, PayoutStatus.Released],
        [PayoutStatus.Settled] = [],
        [PayoutStatus.Released] = [],
        [PayoutStatus.Rejected] = [],
    };

    /// <summary>True when a payout in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool MayMove(PayoutStatus from, PayoutStatus to) =>
        !IsTerminal(from) && (from == to || Next[from].Contains(to));

    /// <summary>Every status a payout may move to <paramref name="to"/> from (what a store's conditional update names).</summary>
    public static IReadOnlyList<PayoutStatus> MayMoveFrom(PayoutStatus to) =>
        [.. Enum.GetValues<PayoutStatus>().Where(from => MayMove(from, to))];

    /// <summary>
    /// True when a submit may have left for the provider: from <see cref="PayoutStatus.Submitting"/> on.
    /// Past this point only the provider's own answer may say "rejected"; our not finding the provider,
    /// or its not serving the currency any more, says only that we cannot ask it.
    /// </summary>
    public static bool SubmitMayHaveBeenSent(PayoutStatus status) =>
        status is not (PayoutStatus.Requested or PayoutStatus.Held or PayoutStatus.Rejected);

    /// <summary>
    /// True when a hold refusal ends the payout <see cref="PayoutStatus.Rejected"/>: the request itself cannot
    /// be held (not enough funds, invalid input, no such wallet or not its currency). Anything else
    /// (a key in progress or conflicting, a hold already there, a ledger hiccup) may be another execution of
    /// this same payout at work: the step is retried, never recorded as a refusal.
    /// </summary>
    public static bool HoldRefusalIsFinal(Rejection refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Code is RejectionCodes.InsufficientFunds or RejectionCodes.InvalidRequest or RejectionCodes.InvalidAmount
            or RejectionCodes.UnknownCurrency or RejectionCodes.CurrencyMismatch or RejectionCodes.NotFound;
    }

    /// <summary>The transitions, each with its one outbox event.</summary>
    public static class Transitions
    {
        /// <summary>The payout row is created.</summary>
        public static PayoutTransition Requested() => new(Request, PayoutStatus.Requested, "PayoutRequested");

        /// <summary>Funds held; written by the hold movement itself, in its transaction, whose event this is.</summary>
        public static PayoutTransition Held(string? detail = null) => new(Hold, PayoutStatus.Held, "PayoutFundsHeld", detail);

        /// <summary>The hold refused for good: nothing held.</summary>
        public static PayoutTransition Rejected(string detail) => new(Hold, PayoutStatus.Rejected, "PayoutRejected", detail);

        /// <summary>The submit is about to be sent.</summary>
        public static PayoutTransition SubmitSending(string providerId) =>
            new(SubmitSent, PayoutStatus.Submitting, "PayoutSubmitSent", $"sending to {providerId}");

        /// <summary>The provider's answer to the submit (or our nothing-was-sent refusal).</summary>
        public static PayoutTransition Submitted(ProviderReply reply)
        {
            ArgumentNullException.ThrowIfNull(reply);
            return new(Submit, reply.Status, "PayoutSubmitted", reply.ToString(), reply.ProviderReference);
        }

        /// <summary>The provider's answer to requery number <paramref name="attempt"/>.</summary>
        public static PayoutTransition Requeried(int attempt, ProviderReply reply)
        {
            ArgumentNullException.ThrowIfNull(reply);
            return new(Requery(attempt), reply.Status, "PayoutRequeried", reply.ToString(), reply.ProviderReference) { Requeries = attempt };
        }

        /// <summary>The budget is spent: manual review.</summary>
        public static PayoutTransition DeadLettered(int requeries, string? lastDetail) =>
            new(DeadLetter, PayoutStatus.ManualReview, "PayoutDeadLettered", $"not definitive after {requeries} requeries: {lastDetail}");

        /// <summary>Paid out; written by the settle movement itself, in its transaction, whose event this is.</summary>
        public static PayoutTransition Settled(string? detail, string? providerReference) =>
            new(Settle, PayoutStatus.Settled, "PayoutSettled", detail, providerReference);

        /// <summary>Given back; written by the release movement itself, in its transaction, whose event this is.</summary>
        public static PayoutTransition Released(string? detail, string? providerReference) =>
            new(Release, PayoutStatus.Released, "PayoutReleased", detail, providerReference);
    }
}
