using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WalletFlow.Core.Telemetry;

/// <summary>
/// What a ledger write reports: a span <c>ledger.write</c> (a child of its movement's span; a group of
/// movements written in one transaction is the child of the first and links to the others) and the
/// histograms <c>walletflow.ledger.write.duration</c> (seconds, by ledger and outcome) and
/// <c>walletflow.ledger.write.group_size</c> (movements per write).
/// </summary>
public static class LedgerTelemetry
{
    /// <summary>The embedded ledger (PostgreSQL, this process).</summary>
    public const string Embedded = "embedded";

    /// <summary>Formance Ledger v2 over HTTP.</summary>
    public const string Formance = "formance";

    /// <summary>The transaction committed what it wrote.</summary>
    public const string Committed = "committed";

    /// <summary>Nothing to write (every member replayed or refused): rolled back.</summary>
    public const string RolledBack = "rolled_back";

    private static readonly Histogram<double> Duration = WalletFlowTelemetry.Meter.CreateHistogram(
        "walletflow.ledger.write.duration", "s", "Time of one ledger write, from taking its connection to its COMMIT (embedded) or the ledger's answer (formance).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WalletFlowTelemetry.DurationBuckets });

    private static readonly Histogram<long> GroupSize = WalletFlowTelemetry.Meter.CreateHistogram(
        "walletflow.ledger.write.group_size", "{movement}", "Movements one ledger write carried (the embedded ledger's group commit; 1 on Formance).",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000] });

    /// <summary>Starts the write's span under <paramref name="callers"/>' first movement, linking the others; null when nobody listens.</summary>
    public static Activity? Start(string ledger, IReadOnlyList<ActivityContext> callers)
    {
        ArgumentNullException.ThrowIfNull(callers);
        var parent = callers.Count > 0 ? callers[0] : default;
        var links = callers.Count > 1 ? callers.Skip(1).Where(c => c != default).Select(c => new ActivityLink(c)) : null;
        var span = WalletFlowTelemetry.Source.StartActivity("ledger.write", ActivityKind.Internal, parent, links: links);
        span?.SetTag(WalletFlowTelemetry.Tags.Ledger, ledger);
        span?.SetTag(WalletFlowTelemetry.Tags.GroupSize, callers.Count);
        return span;
    }

    /// <summary>Notes one movement the write carried: its attributes when it is the only one, an event per movement otherwise.</summary>
    public static void Member(Activity? span, int groupSize, string operation, string outcome, long? transactionId, string? reason = null)
    {
        if (span is null || !span.IsAllDataRequested)
            return;
        var tags = new ActivityTagsCollection
        {
            [WalletFlowTelemetry.Tags.Operation] = operation,
            [WalletFlowTelemetry.Tags.Template] = operation,
            [WalletFlowTelemetry.Tags.Outcome] = outcome,
        };
        if (transactionId is { } id)
            tags[WalletFlowTelemetry.Tags.LedgerTransactionId] = id;
        if (reason is not null)
            tags[WalletFlowTelemetry.Tags.Reason] = reason;
        if (groupSize == 1)
        {
            foreach (var (key, value) in tags)
                span.SetTag(key, value);
        }
        else
        {
            span.AddEvent(new ActivityEvent("movement", tags: tags));
        }
    }

    /// <summary>Ends the write: its outcome on the span and in both histograms.</summary>
    public static void Finish(Activity? span, long startedTimestamp, string ledger, int groupSize, string outcome)
    {
        var seconds = Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds;
        if (span is not null)
        {
            span.SetTag(WalletFlowTelemetry.Tags.Outcome, outcome);
            if (outcome == WalletFlowTelemetry.Outcomes.Failed)
                span.SetStatus(ActivityStatusCode.Error);
        }
        var ledgerTag = new KeyValuePair<string, object?>(WalletFlowTelemetry.Tags.Ledger, ledger);
        Duration.Record(seconds, ledgerTag, new(WalletFlowTelemetry.Tags.Outcome, outcome));
        GroupSize.Record(groupSize, ledgerTag);
    }
}
