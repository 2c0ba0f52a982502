using Microsoft.Extensions.Logging;
using Npgsql;

namespace WalletFlow.Adapters.Durable.Postgres;

/// <summary>
/// Wakes the store's dispatchers when work arrives: directly when this process wrote it, through
/// PostgreSQL LISTEN/NOTIFY when another process did. A notification can be lost (the listening
/// connection drops and reconnects), so the dispatchers also look on their own every poll interval.
/// </summary>
internal sealed partial class WorkSignal(string connectionString, ILogger logger) : IAsyncDisposable
{
    public const string OrchestrationChannel = "durable_orchestrations";
    public const string ActivityChannel = "durable_activities";

    private readonly Lock _gate = new();
    private CancellationTokenSource? _stopping;
    private Task? _listening;

    public Wakeup Orchestrations { get; } = new();

    public Wakeup Activities { get; } = new();

    public void Start()
    {
        lock (_gate)
        {
            if (_stopping is not null)
                return;
            _stopping = new CancellationTokenSource();
            var ct = _stopping.Token;
            _listening = Task.Run(() => ListenAsync(ct));
        }
    }

    /// <summary>Stops listening; <see cref="Start"/> may listen again later. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        CancellationTokenSource? stopping;
        Task? listening;
        lock (_gate)
        {
            (stopping, listening) = (_stopping, _listening);
            (_stopping, _listening) = (null, null);
        }
        if (stopping is null)
            return;
        await stopping.CancelAsync();
        if (listening is not null)
            await listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        // Not from a pool: a LISTEN belongs to its session, which must not be handed to anyone else.
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 15 }.ConnectionString;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(unpooled);
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == OrchestrationChannel)
                        Orchestrations.Pulse();
                    else
                        Activities.Pulse();
                };
                await connection.OpenAsync(ct);
                await using (var listen = new NpgsqlCommand($"LISTEN {OrchestrationChannel}; LISTEN {ActivityChannel}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                // Whatever was notified while no one listened is found by looking now.
                Orchestrations.Pulse();
                Activities.Pulse();
                while (!ct.IsCancellationRequested)
                    await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                LogListenFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The durable store's LISTEN connection failed; reconnecting (dispatchers keep polling meanwhile)")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}
