using WalletFlow.Core.Coa;
using WalletFlow.Core.Flags;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Telemetry;

namespace WalletFlow.Core.Gates;

/// <summary>
/// Runs the four gates (design.md §8) over one read of the evidence, stores the run, and pauses new
/// payouts when the books do not foot or the holds do not match: the money a payout would move is
/// then not known to be there. Clearing the pause is an operator's call (<see cref="PayoutPause"/>).
/// </summary>
public sealed class GateRunner(
    ILedger ledger,
    CoaSeedSync chart,
    IReconciliationRecords records,
    IGateRunStore runs,
    IFeatureFlags flags,
    TimeProvider clock)
{
    /// <summary>The actor recorded when a failed run sets <see cref="FeatureFlagNames.PayoutsPaused"/>.</summary>
    public const string Actor = "gates";

    private static readonly IReconciliationGate[] Gates = [new BooksFootGate(), new HoldsMatchGate(), new StatementsMatchGate(), new CoaCoverageGate()];

    /// <summary>Runs, stores and returns one run; <paramref name="trigger"/> says what started it.</summary>
    public async Task<GateRun> RunAsync(string trigger, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var results = Check(await ReadEvidenceAsync(cancellationToken).ConfigureAwait(false));
        if (results.Any(r => !r.Passed))
        {
            // The evidence is not one snapshot: the ledger is listed page by page, and a movement posts
            // to the ledger before its command transaction writes the hold and statement rows. A read
            // that falls between two such steps sees a difference that is gone a moment later, and a
            // false books-foot failure would pause payouts. So a failing gate is read again: it fails
            // only when it fails twice, with the details of the second read.
            var second = Check(await ReadEvidenceAsync(cancellationToken).ConfigureAwait(false));
            results = [.. results.Select((first, i) => first.Passed ? first : second[i])];
        }
        var run = new GateRun(Guid.NewGuid(), at, results.All(r => r.Passed), results, trigger);
        await runs.SaveAsync(run, cancellationToken).ConfigureAwait(false);
        GateTelemetry.Record(run);

        var blocking = results.Where(r => !r.Passed && r.Gate is GateNames.BooksFoot or GateNames.HoldsMatch).ToList();
        if (blocking.Count > 0)
        {
            var reason = $"gate run {run.RunId}: " + string.Join("; ", blocking.Select(b =>
                $"{b.Gate} failed ({b.Details.Count} finding{(b.Details.Count == 1 ? "" : "s")}, first: {b.Details[0]})"));
            await flags.SetAsync(FeatureFlagNames.PayoutsPaused, enabled: true, reason, Actor, cancellationToken).ConfigureAwait(false);
        }
        return run;
    }

    /// <summary>Each gate's verdict on the evidence, in <see cref="GateNames.All"/> order.</summary>
    public static IReadOnlyList<GateResult> Check(GateEvidence evidence) => [.. Gates.Select(g => g.Check(evidence))];

    private async Task<GateEvidence> ReadEvidenceAsync(CancellationToken cancellationToken)
    {
        var snapshot = await chart.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var holds = await records.ListHoldsAsync(cancellationToken).ConfigureAwait(false);
        var statements = await records.ListStatementBalancesAsync(cancellationToken).ConfigureAwait(false);
        var balances = new List<AccountBalance>();
        await foreach (var balance in ledger.ListBalancesAsync("", cancellationToken).ConfigureAwait(false))
            balances.Add(balance);
        return new GateEvidence(balances, snapshot.Chart, holds, statements);
    }
}
