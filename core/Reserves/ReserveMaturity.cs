using System.Globalization;
using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Reserves;

/// <summary>
/// The reserve maturity workflow's names and ids, in one place: the orchestration and its activities are
/// registered and called by these names in both hosts, each run is named by its tick, each release keyed by its tranche.
/// </summary>
public static class ReserveMaturity
{
    /// <summary>The orchestrator: find the due tranches, release each.</summary>
    public const string Run = "ReserveMaturityRun";

    /// <summary>Lists unreleased tranches matured at the run's time (a bounded batch).</summary>
    public const string FindDue = "FindDueReserveTranchesActivity";

    /// <summary>Releases one tranche.</summary>
    public const string Release = "ReleaseReserveTrancheActivity";

    /// <summary>
    /// One run per UTC minute: ticks of several hosts (or a host and a Functions app) in the same minute
    /// name the same instance, and the start-unless-alive rule keeps one of them.
    /// </summary>
    public static string InstanceId(DateTimeOffset tick) =>
        "reserve-maturity-" + tick.UtcDateTime.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture);

    /// <summary>The release of one tranche is one command whichever run (or retry) performs it.</summary>
    public static IdempotencyKey TrancheKey(string trancheId) => IdempotencyKey.Create("reserve-release:" + trancheId).Value;
}
