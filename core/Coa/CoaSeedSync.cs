using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Coa;

/// <summary>
/// Keeps the published chart of accounts in step with seed/ (design.md §3): at start-up, when no
/// version is published or the seed differs from the current version (chart or event→GL map), the
/// seed is published as the next version. The drift found is returned so it can be logged.
/// </summary>
public sealed class CoaSeedSync(ICoaCatalog catalog)
{
    /// <summary>The <see cref="CoaSnapshot.Source"/> of a version published from the embedded seed.</summary>
    public const string SeedSource = "seed/coa.csv + seed/event-gl.csv";

    /// <summary>Publishes the seed when needed and returns the current version.</summary>
    public async Task<CoaSyncOutcome> SyncAsync(CancellationToken cancellationToken)
    {
        var seed = CoaService.LoadSeed();
        var current = await catalog.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        if (current is null)
            return new CoaSyncOutcome(await PublishAsync(seed, cancellationToken).ConfigureAwait(false), Published: true, Drift: null);
        var drift = CoaService.CompareWithSeed(current.Chart.Entries, seed.Chart);
        if (drift.IsClean && current.EventGl.SequenceEqual(seed.EventGl))
            return new CoaSyncOutcome(current, Published: false, drift);
        return new CoaSyncOutcome(await PublishAsync(seed, cancellationToken).ConfigureAwait(false), Published: true, drift);
    }

    /// <summary>The current version, publishing the seed first when none exists yet.</summary>
    public async Task<CoaSnapshot> CurrentAsync(CancellationToken cancellationToken) =>
        await catalog.GetCurrentAsync(cancellationToken).ConfigureAwait(false)
        ?? (await SyncAsync(cancellationToken).ConfigureAwait(false)).Snapshot;

    private Task<CoaSnapshot> PublishAsync(CoaIngest seed, CancellationToken cancellationToken) =>
        catalog.PublishAsync(seed.Chart, seed.EventGl, SeedSource, cancellationToken);
}
