using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Options;

namespace WalletFlow.Host.Durable;

/// <summary>
/// Orchestrations in an Azure Storage account (queues for messages, tables for history and
/// instances, blobs for leases and large payloads): they survive a restart.
/// </summary>
public sealed class AzureStorageDurableBackend : IDurableBackend, IDisposable
{
    private readonly AzureStorageOrchestrationService _service;

    public AzureStorageDurableBackend(IOptions<DurableOptions> options, ILoggerFactory loggerFactory)
    {
        var storage = options.Value.AzureStorage;
        _service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(storage.ConnectionString!),
            TaskHubName = storage.TaskHubName,
            LoggerFactory = loggerFactory,
        });
        Description = $"Azure Storage task hub '{storage.TaskHubName}'";
    }

    public string Description { get; }

    public IOrchestrationService Service => _service;

    public IOrchestrationServiceClient Client => _service;

    public Task CreateIfNotExistsAsync(CancellationToken ct) => _service.CreateIfNotExistsAsync();

    public void Dispose() => _service.Dispose();
}
