using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;

namespace WalletFlow.Host.Durable;

/// <summary>
/// The history of every orchestration this process's sidecar has run, as the dispatcher committed it
/// (activities scheduled and completed, timers created and fired, events raised, with times).
/// Why it exists: through the sidecar, <c>DurableTaskClient.GetOrchestrationHistoryAsync</c> returns an
/// empty list on the in-memory backend. InProcessTestHost 0.2.3-preview.1's
/// <c>TaskHubGrpcServer.StreamInstanceHistory</c> only serves the events it caches for a worker's
/// in-flight work item, and <c>InMemoryOrchestrationService.GetOrchestrationHistoryAsync</c> throws
/// NotImplementedException. So the sidecar's view of the backend
/// (<see cref="SidecarOrchestrationService"/>) copies each new runtime state here when it completes a
/// work item. The latest execution of an instance id wins (a re-driven payout shows its new run).
/// On a persistent backend an instance run by an earlier process shows up once it runs here again.
/// </summary>
public sealed class OrchestrationHistories
{
    private readonly ConcurrentDictionary<string, HistoryEvent[]> _byInstance = new(StringComparer.Ordinal);

    /// <summary>The instance's history, oldest first; empty when this process has not run it.</summary>
    public IReadOnlyList<HistoryEvent> Get(string instanceId) =>
        _byInstance.TryGetValue(instanceId, out var events) ? events : [];

    internal void Record(OrchestrationRuntimeState state)
    {
        if (state.OrchestrationInstance?.InstanceId is { } instanceId)
            _byInstance[instanceId] = [.. state.Events];
    }
}
