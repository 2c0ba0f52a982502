using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Coa;

/// <summary>What <see cref="CoaSeedSync.SyncAsync"/> found and did.</summary>
/// <param name="Snapshot">The current version after the sync.</param>
/// <param name="Published">True when the seed was published as a new version.</param>
/// <param name="Drift">How the previous version differed from the seed's chart; null when none existed. Clean with <paramref name="Published"/> true means only the event→GL map changed.</param>
public sealed record CoaSyncOutcome(CoaSnapshot Snapshot, bool Published, CoaVersionDrift? Drift);
