using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;

namespace WalletFlow.Host.Durable;

/// <summary>
/// The local default: the in-memory orchestration service of Microsoft.DurableTask.InProcessTestHost.
/// No emulator, no files; every orchestration is gone when the process stops.
/// </summary>
public sealed class InMemoryDurableBackend(ILoggerFactory loggerFactory) : IDurableBackend
{
    private readonly InMemoryOrchestrationService _service = new(loggerFactory);

    public string Description => "in-memory orchestrations (lost when the process stops)";

    public IOrchestrationService Service => _service;

    public IOrchestrationServiceClient Client => _service;

    public Task CreateIfNotExistsAsync(CancellationToken ct) => _service.CreateIfNotExistsAsync();
}
