using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Gates;

namespace WalletFlow.Adapters.Gates;

/// <summary>
/// The host's reconciliation timer (design.md §8): at start-up it publishes the seed chart of accounts
/// into an empty database (a stored chart that differs from the seed is logged as drift, never
/// overwritten) and runs the gates (<c>Gates:RunOnStartup</c>), then runs them every
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
        var stored = outcome.Snapshot;
        if (outcome.Published)
            logger.LogInformation("Chart of accounts v{Version} published from the seed into an empty database", stored.Version);
        else if (outcome.DiffersFromSeed)
            logger.LogWarning(
                "Chart of accounts v{Version} ({Source}, stored {PublishedAt:u} by {PublishedBy}) differs from the seed and is kept: {Drift}. "
                + "To adopt the seed: walletflow coa import seed/coa.csv --dry-run, then without --dry-run",
                stored.Version, stored.Source, stored.PublishedAt, stored.PublishedBy, Describe(outcome));
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

    private static string Describe(CoaSyncOutcome outcome)
    {
        var drift = outcome.Drift!;
        return $"seed GL codes not stored {drift.MissingFromDatabase.Count}, stored GL codes not in the seed {drift.ExtraInDatabase.Count}, fields changed {drift.Changed.Count}"
            + string.Concat(drift.Changed.Select(c => $"; {c.GlCode}.{c.Field}: stored '{c.Database}', seed '{c.Seed}'"))
            + (outcome.EventGlDiffers ? "; the event→GL map differs from seed/event-gl.csv" : "");
    }
}
