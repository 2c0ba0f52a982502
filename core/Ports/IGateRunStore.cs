using WalletFlow.Core.Gates;

namespace WalletFlow.Core.Ports;

/// <summary>Where gate runs are kept, with their history (PostgreSQL in practice).</summary>
public interface IGateRunStore
{
    /// <summary>Stores a run and its four verdicts.</summary>
    Task SaveAsync(GateRun run, CancellationToken cancellationToken);

    /// <summary>The most recent runs, newest first.</summary>
    Task<IReadOnlyList<GateRun>> ListRecentAsync(int limit, CancellationToken cancellationToken);
}
