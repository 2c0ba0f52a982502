using DurableTask.Core;
using DurableTask.Core.History;

namespace WalletFlow.Host.Durable;

/// <summary>
/// The one seam for the orchestration store: the sidecar serves whatever this returns. A backend is
/// chosen by <c>Durable:Backend</c>; adding one is a new implementation and a line in
/// <see cref="WalletFlowDurableServiceCollectionExtensions"/>.
/// </summary>
public interface IDurableBackend
{
    /// <summary>For the start-up log: which store, and anything an operator needs to find it.</summary>
    string Description { get; }

    /// <summary>What the sidecar's dispatchers poll for work.</summary>
    IOrchestrationService Service { get; }

    /// <summary>What the sidecar's client API (start, raise event, query) writes and reads.</summary>
    IOrchestrationServiceClient Client { get; }

    /// <summary>Creates the store's queues/tables when missing; the sidecar calls it before it listens.</summary>
    Task CreateIfNotExistsAsync(CancellationToken ct);

    /// <summary>
    /// An instance's history as the store holds it (its current execution, oldest first; empty when the
    /// store has none). Read from the store, not through the sidecar: InProcessTestHost 0.2.3-preview.1's
    /// <c>StreamInstanceHistory</c> serves only the events it caches for a worker's in-flight work item.
    /// </summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken ct);

    /// <summary>Called by the sidecar after the store committed an episode (the in-memory store keeps its history this way).</summary>
    void EpisodeCommitted(OrchestrationRuntimeState state)
    {
    }
}
