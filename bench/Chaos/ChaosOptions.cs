namespace WalletFlow.Chaos;

/// <summary>
/// One chaos run: <paramref name="Cycles"/> SIGKILL-and-restart cycles of the walletflow child while
/// <paramref name="Payouts"/> payouts (and a quarter as many pay-ins and transfers each) go through it.
/// <paramref name="Seed"/> decides the workload's order and every kill moment; the same seed replays them.
/// </summary>
public sealed record ChaosOptions(int Cycles, int Payouts, int Seed)
{
    /// <summary>The environment variable a test reads a seed from, to replay a failed run.</summary>
    public const string SeedVariable = "WALLETFLOW_CHAOS_SEED";

    /// <summary>The shortest time the child runs before it is killed.</summary>
    public TimeSpan MinUptime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest time the child runs before it is killed.</summary>
    public TimeSpan MaxUptime { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>The cycle in which the cluster is crashed (pg_ctl stop -m immediate) while the child runs; 0: never.</summary>
    public int CrashClusterInCycle { get; init; } = -1;

    /// <summary>How long to wait after the last kill for every payout to settle, release, or reach manual review.</summary>
    public TimeSpan QuiescenceTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Where the children's logs go; a new temporary directory when null.</summary>
    public string? WorkDirectory { get; init; }

    public int EffectiveCrashCycle => CrashClusterInCycle >= 0 ? CrashClusterInCycle : Cycles / 2 + 1;

    /// <summary>A seed from <see cref="SeedVariable"/> when set, else a fresh one.</summary>
    public static int SeedFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), System.Globalization.CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next(1, int.MaxValue);
}
