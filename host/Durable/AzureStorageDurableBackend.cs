using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WalletFlow.Host.Durable;

/// <summary>
/// Orchestrations in an Azure Storage account (queues for messages, tables for history and
/// instances, blobs for leases and large payloads): they survive a restart.
/// </summary>
public sealed class AzureStorageDurableBackend : IDurableBackend, IDisposable
{
    private static readonly JsonSerializer Reader = JsonSerializer.Create(new JsonSerializerSettings
    {
        ConstructorHandling = ConstructorHandling.AllowNonPublicDefaultConstructor,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
    });

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

    /// <summary>
    /// DurableTask.AzureStorage answers history as JSON without type names; each event's
    /// <c>EventType</c> names its class (<c>TaskScheduled</c> is <see cref="TaskScheduledEvent"/>).
    /// </summary>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken ct)
    {
        var json = await _service.GetOrchestrationHistoryAsync(instanceId, null);
        if (string.IsNullOrWhiteSpace(json))
            return [];
        var events = new List<HistoryEvent>();
        foreach (var item in JArray.Parse(json).OfType<JObject>())
        {
            var eventType = item.GetValue("EventType", StringComparison.OrdinalIgnoreCase) is { } t
                ? (EventType)t.ToObject<int>() : throw new InvalidDataException("A history event without an EventType.");
            var type = typeof(HistoryEvent).Assembly.GetType($"DurableTask.Core.History.{eventType}Event")
                ?? throw new InvalidDataException($"No history event class for {eventType}.");
            events.Add((HistoryEvent)item.ToObject(type, Reader)!);
        }
        return events;
    }

    public void Dispose() => _service.Dispose();
}
