using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Testing.Sidecar;

namespace WalletFlow.Host.Durable;

/// <summary>
/// For tests: the in-memory orchestration service of Microsoft.DurableTask.InProcessTestHost. No
/// database, no files; every orchestration is gone when the process stops.
/// </summary>
public sealed class InMemoryDurableBackend(ILoggerFactory loggerFactory) : IDurableBackend
{
    private readonly InMemoryOrchestrationService _service = new(loggerFactory);

    // That service keeps history but cannot give it back (its GetOrchestrationHistoryAsync throws
    // NotImplementedException), so this store's history is kept beside it, as each episode commits; it
    // lives exactly as long as the instances it describes.
    private readonly ConcurrentDictionary<string, HistoryEvent[]> _histories = new(StringComparer.Ordinal);

    public string Description => "in-memory orchestrations (lost when the process stops)";

    public IOrchestrationService Service => _service;

    public IOrchestrationServiceClient Client => _service;

    public Task CreateIfNotExistsAsync(CancellationToken ct) => _service.CreateIfNotExistsAsync();

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<HistoryEvent>>(_histories.TryGetValue(instanceId, out var events) ? events : []);

    public void EpisodeCommitted(OrchestrationRuntimeState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.OrchestrationInstance?.InstanceId is { } instanceId)
            _histories[instanceId] = [.. state.Events];
    }
}
