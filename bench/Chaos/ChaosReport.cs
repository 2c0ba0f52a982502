using System.Globalization;

namespace WalletFlow.Chaos;

/// <summary>What a chaos run did and found: the figures printed at its end.</summary>
public sealed record ChaosReport(
    ChaosOptions Options,
    TimeSpan Duration,
    int Kills,
    int ClusterCrashes,
    int UnexpectedExits,
    long ClientRetries,
    string Answers,
    IReadOnlyDictionary<string, int> PayoutStatuses,
    string OutcomesByDigit,
    int RailPayouts,
    int RailSubmits,
    IReadOnlyList<ChaosInvariant> Invariants,
    string WorkDirectory)
{
    public int TotalViolations => Invariants.Sum(i => i.Violations);

    public IEnumerable<string> Lines()
    {
        var o = Options;
        yield return string.Create(CultureInfo.InvariantCulture,
            $"chaos: seed {o.Seed} ({ChaosOptions.SeedVariable}={o.Seed} or --seed {o.Seed} replays it), {o.Cycles} cycles, {o.Payouts} payouts, {Duration.TotalSeconds:F0} s");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"  SIGKILLs {Kills}, cluster crashes (pg_ctl stop -m immediate) {ClusterCrashes}, child exits the harness did not cause {UnexpectedExits}, client retries {ClientRetries}");
        yield return $"  answers: {Answers}";
        yield return "  payouts: " + string.Join(", ", PayoutStatuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}"));
        yield return $"  by sandbox digit (1 success, 2 reject, 3 pending→success, 4 pending→failure, 5 ambiguous forever, 6 slow→success): {OutcomesByDigit}";
        yield return string.Create(CultureInfo.InvariantCulture, $"  rail: {RailPayouts} payouts, {RailSubmits} submits received");
        yield return "  invariants (violations / checked):";
        foreach (var invariant in Invariants)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"    {invariant.Violations,5} / {invariant.Checked,-6} {invariant.Name}");
            foreach (var example in invariant.Examples)
                yield return "            " + example;
        }
        yield return string.Create(CultureInfo.InvariantCulture, $"  total violations: {TotalViolations}; logs in {WorkDirectory}");
    }
}
