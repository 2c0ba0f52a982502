using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Durable.Postgres;
using WalletFlow.Adapters.Postgres;

namespace WalletFlow.Host.Durable;

/// <summary>
/// Orchestrations in walletflow's own PostgreSQL database (schema <c>durable</c>, created by the
/// migrations): they survive kill -9, and every walletflow process on the database shares them.
/// </summary>
public sealed class PostgresDurableBackend(WalletFlowDatabase database, IOptions<DurableOptions> options, ILoggerFactory loggerFactory)
    : IDurableBackend, IAsyncDisposable
{
    // Built on first use: the database's address is known only once it has started (a private cluster
    // picks its port), which happens before the sidecar asks for the service.
    private readonly Lazy<PostgresOrchestrationService> _service = new(() => new PostgresOrchestrationService(
        database.ConnectionString,
        PostgresTaskHubOptions.Default with { LeaseDuration = TimeSpan.FromSeconds(options.Value.LeaseSeconds) },
        loggerFactory));

    public string Description => $"PostgreSQL task hub (schema durable, lease {options.Value.LeaseSeconds} s)";

    public IOrchestrationService Service => _service.Value;

    public IOrchestrationServiceClient Client => _service.Value;

    /// <summary>The store itself, for what the DurableTask.Core interfaces do not say (queries by name).</summary>
    public PostgresOrchestrationService Store => _service.Value;

    public Task CreateIfNotExistsAsync(CancellationToken ct) => _service.Value.CreateIfNotExistsAsync();

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken ct) =>
        _service.Value.GetHistoryAsync(instanceId, ct);

    public async ValueTask DisposeAsync()
    {
        if (_service.IsValueCreated)
            await _service.Value.DisposeAsync();
    }
}
