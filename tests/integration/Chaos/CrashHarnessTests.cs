using WalletFlow.Chaos;

namespace WalletFlow.Tests.Integration.Chaos;

/// <summary>
/// The short CI run of the crash harness (bench/Chaos; the full run is <c>bench -- chaos</c>): the real
/// walletflow executable on the Postgres durable backend, SIGKILLed three times and its cluster
/// crashed once while 200 payouts of every sandbox outcome, pay-ins and transfers go through it.
/// A failure prints the seed; <c>WALLETFLOW_CHAOS_SEED</c> replays its workload and kill moments.
/// </summary>
[Collection(OneChaosRunAtATime.Name)]
public sealed class CrashHarnessTests
{
    [Fact]
    public async Task Three_SIGKILLs_and_a_cluster_crash_under_200_payouts_break_no_invariant()
    {
        var options = new ChaosOptions(Cycles: 3, Payouts: 200, Seed: ChaosOptions.SeedFromEnvironment())
        {
            MinUptime = TimeSpan.FromSeconds(2),
            MaxUptime = TimeSpan.FromSeconds(6),
            QuiescenceTimeout = TimeSpan.FromMinutes(3),
        };
        var output = TestContext.Current.TestOutputHelper;
        var report = await ChaosRun.RunAsync(options, line => output?.WriteLine(line), TestContext.Current.CancellationToken);
        var lines = string.Join('\n', report.Lines());
        output?.WriteLine(lines);

        Assert.True(report.TotalViolations == 0, lines);
        Assert.Equal(3, report.Kills);
        Assert.Equal(1, report.ClusterCrashes);
        // Every payout was answered 202 (the client retried through the kills) and reached an end.
        Assert.True(report.PayoutStatuses.Values.Sum() == 200, lines);
        // Every kind of ending happened: paid, given back after a rejection or a failure, and left for an operator.
        Assert.True(report.PayoutStatuses.GetValueOrDefault("Settled") > 0, lines);
        Assert.True(report.PayoutStatuses.GetValueOrDefault("Released") > 0, lines);
        Assert.True(report.PayoutStatuses.GetValueOrDefault("ManualReview") > 0, lines);
        Assert.True(report.ClientRetries > 0, "no request had to be retried: the kills hit nothing in flight\n" + lines);
        // The children's logs are kept only for a failed run.
        Directory.Delete(report.WorkDirectory, recursive: true);
    }
}
