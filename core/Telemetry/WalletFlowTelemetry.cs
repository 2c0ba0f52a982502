using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WalletFlow.Core.Telemetry;

/// <summary>
/// walletflow's own OpenTelemetry instruments (design.md §12): one <see cref="ActivitySource"/> and one
/// <see cref="Meter"/>, both named <see cref="Name"/>, defined here so the rule that moves money also says
/// what it reports. Hosts only choose where it goes (an exporter); nothing here knows of one. Spans and
/// labels carry operations, templates, ids and outcomes: never an amount, an account holder or a beneficiary.
/// </summary>
public static class WalletFlowTelemetry
{
    /// <summary>The name of walletflow's activity source and meter.</summary>
    public const string Name = "walletflow";

    /// <summary>walletflow's spans (a movement, a ledger write).</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>walletflow's instruments; every metric name starts <c>walletflow.</c>.</summary>
    public static Meter Meter { get; } = new(Name);

    /// <summary>Bounds of the duration histograms, in seconds: a ledger write is milliseconds, a provider call may be seconds.</summary>
    public static IReadOnlyList<double> DurationBuckets { get; } =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>Span attribute and metric label names, in one place.</summary>
    public static class Tags
    {
        /// <summary>The movement's operation: a template name (<c>payin</c>, <c>payout-hold</c>…).</summary>
        public const string Operation = "walletflow.operation";

        /// <summary>The Numscript template the ledger ran (the same word as the operation, or the ledger's revert).</summary>
        public const string Template = "walletflow.template";

        /// <summary>How it ended: <see cref="Outcomes"/>.</summary>
        public const string Outcome = "walletflow.outcome";

        /// <summary>A rejection's stable code (<c>insufficient_funds</c>…).</summary>
        public const string Reason = "walletflow.reason";

        /// <summary>walletflow's command id (derived from the idempotency key).</summary>
        public const string CommandId = "walletflow.command_id";

        /// <summary>The ledger transaction a movement posted (or replayed).</summary>
        public const string LedgerTransactionId = "walletflow.ledger.transaction_id";

        /// <summary>Which ledger wrote: <c>embedded</c> or <c>formance</c>.</summary>
        public const string Ledger = "walletflow.ledger";

        /// <summary>How many movements one ledger write carried.</summary>
        public const string GroupSize = "walletflow.ledger.group_size";

        /// <summary>A payout saga's step (<c>hold</c>, <c>submit</c>, <c>requery</c>, <c>settle</c>…).</summary>
        public const string Step = "walletflow.step";

        /// <summary>A payout's status.</summary>
        public const string Status = "walletflow.status";

        /// <summary>A reconciliation gate (<c>books-foot</c>…).</summary>
        public const string Gate = "walletflow.gate";

        /// <summary>A payout's id (an id, never the beneficiary).</summary>
        public const string PayoutId = "walletflow.payout_id";
    }

    /// <summary>The values of <see cref="Tags.Outcome"/>.</summary>
    public static class Outcomes
    {
        /// <summary>Written: the ledger committed it (with its command).</summary>
        public const string Posted = "posted";

        /// <summary>The same request again: the stored answer, nothing written.</summary>
        public const string Replayed = "replayed";

        /// <summary>Refused with a reason (<see cref="Tags.Reason"/>); nothing written.</summary>
        public const string Rejected = "rejected";

        /// <summary>An exception: a bug or an outage (the database, the ledger).</summary>
        public const string Failed = "failed";

        /// <summary>The caller stopped waiting; the movement may still complete.</summary>
        public const string Cancelled = "cancelled";

        /// <summary>A gate or a step that passed.</summary>
        public const string Passed = "passed";
    }
}
