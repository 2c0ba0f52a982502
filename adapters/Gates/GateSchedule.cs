using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Gates;

namespace WalletFlow.Adapters.Gates;

/// <summary>
/// The host's reconciliation timer (design.md §8): at start-up it publishes the seed chart of accounts
/// when it changed and runs the gates (<c>Gates:RunOnStartup</c>), then runs them every
/// <c>Gates:IntervalMinutes</c>. A run that fails for an infrastructure reason is logged and the
/// timer goes on; a failing gate is a stored result, not an error.
/// </summary>
public sealed class GateSchedule(IServiceProvider services, IOptions<GateOptions> options, TimeProvider clock, ILogger<GateSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await GuardAsync("chart-of-accounts sync", SyncChartAsync, stoppingToken);
        if (settings.RunOnStartup)
            await GuardAsync("start-up gate run", ct => RunAsync("startup", ct), stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(settings.IntervalMinutes), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await GuardAsync("scheduled gate run", ct => RunAsync("timer", ct), stoppingToken);
    }

    private async Task SyncChartAsync(CancellationToken ct)
    {
        var outcome = await services.GetRequiredService<CoaSeedSync>().SyncAsync(ct);
        if (outcome.Published)
            logger.LogInformation("Chart of accounts v{Version} published from the seed; drift from the previous version: {Drift}",
                outcome.Snapshot.Version, outcome.Drift is null ? "none published before" : Describe(outcome.Drift));
    }

    private async Task RunAsync(string trigger, CancellationToken ct)
    {
        var run = await services.GetRequiredService<GateRunner>().RunAsync(trigger, ct);
        if (run.Passed)
            logger.LogInformation("Gate run {RunId} passed", run.RunId);
        else
            foreach (var gate in run.Gates.Where(g => !g.Passed))
                logger.LogError("Gate run {RunId}: {Gate} failed: {Details}", run.RunId, gate.Gate, string.Join("; ", gate.Details));
    }

    private async Task GuardAsync(string what, Func<CancellationToken, Task> step, CancellationToken stoppingToken)
    {
        try
        {
            await step(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            // The database or ledger may be restarting: the next tick tries again.
            logger.LogWarning(e, "The {What} failed; the next tick retries", what);
        }
    }

    private static string Describe(CoaVersionDrift drift) =>
        $"missing {drift.MissingFromDatabase.Count}, extra {drift.ExtraInDatabase.Count}, changed {drift.Changed.Count}" +
        string.Concat(drift.Changed.Select(c => $"; {c.GlCode}.{c.Field}: '{c.Database}' → '{c.Seed}'"));
}
