using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Coa;

/// <summary>What <see cref="CoaSeedSync.SyncAsync"/> found and did.</summary>
/// <param name="Snapshot">The current version after the sync.</param>
/// <param name="Published">True when the database was empty and the seed was published as version 1.</param>
/// <param name="Drift">How the current version's chart differs from seed/coa.csv; null when the seed was just published.</param>
/// <param name="EventGlDiffers">True when the current version's event→GL map differs from seed/event-gl.csv.</param>
public sealed record CoaSyncOutcome(CoaSnapshot Snapshot, bool Published, CoaVersionDrift? Drift, bool EventGlDiffers)
{
    /// <summary>True when the stored chart differs from the seed: reported, never overwritten.</summary>
    public bool DiffersFromSeed => EventGlDiffers || Drift is { IsClean: false };
}
