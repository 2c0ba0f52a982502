using DurableTask.Core;

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
}
