using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Coa;

/// <summary>
/// Starts an empty database with the seed chart of accounts (design.md §3) and, once one is stored,
/// only compares it with seed/: a chart an admin imported, or rows changed in the database, stay as
/// they are and any difference is returned as drift for the caller to report. An admin resolves it by
/// importing the chart they want (<see cref="ImportChartOfAccounts"/>: <c>walletflow coa import seed/coa.csv</c>
/// adopts the seed).
/// </summary>
public sealed class CoaSeedSync(ICoaCatalog catalog)
{
    /// <summary>The <see cref="CoaSnapshot.Source"/> of a version published from the embedded seed.</summary>
    public const string SeedSource = "seed/coa.csv + seed/event-gl.csv";

    /// <summary>The <see cref="CoaSnapshot.PublishedBy"/> of the seed version an empty database starts with.</summary>
    public const string SeedActor = "walletflow (seed)";

    /// <summary>Publishes the seed into an empty database; otherwise compares the current version with it.</summary>
    public async Task<CoaSyncOutcome> SyncAsync(CancellationToken cancellationToken)
    {
        var seed = CoaService.LoadSeed();
        var current = await catalog.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            var published = await catalog.PublishAsync(seed.Chart, seed.EventGl, SeedSource, SeedActor, cancellationToken).ConfigureAwait(false);
            return new CoaSyncOutcome(published, Published: true, Drift: null, EventGlDiffers: false);
        }
        return new CoaSyncOutcome(current, Published: false, CoaService.CompareWithSeed(current.Chart.Entries, seed.Chart),
            EventGlDiffers: !current.EventGl.SequenceEqual(seed.EventGl));
    }

    /// <summary>The current version, publishing the seed first when none exists yet.</summary>
    public async Task<CoaSnapshot> CurrentAsync(CancellationToken cancellationToken) =>
        await catalog.GetCurrentAsync(cancellationToken).ConfigureAwait(false)
        ?? (await SyncAsync(cancellationToken).ConfigureAwait(false)).Snapshot;
}
