using Microsoft.Extensions.Logging;
using Npgsql;

namespace WalletFlow.Adapters.Durable.Postgres;

/// <summary>
/// Wakes the store's dispatchers when work arrives: directly when this process wrote it, through
/// PostgreSQL LISTEN/NOTIFY when another process did. A notification can be lost (the listening
/// connection drops and reconnects), so the dispatchers also look on their own every poll interval.
/// </summary>
/// <remarks>
/// The NOTIFY is sent after the work's transaction, by a loop of its own, never inside it: a transaction
/// that notifies holds PostgreSQL's notification lock from its pre-commit to its end, WAL flush included,
/// so notifying commits queue one fsync after another. Inside every episode's commit that capped the
/// store near the disk's fsync rate. Sent apart, notifications also coalesce: one per channel for
/// whatever arrived while the previous one was on its way.
/// </remarks>
internal sealed partial class WorkSignal(string connectionString, NpgsqlDataSource dataSource, ILogger logger) : IAsyncDisposable
{
    public const string OrchestrationChannel = "durable_orchestrations";
    public const string ActivityChannel = "durable_activities";

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _announce = new(0);
    private int _orchestrationsArrived;
    private int _activitiesArrived;
    private CancellationTokenSource? _stopping;
    private Task? _listening;
    private Task? _announcing;

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
            _announcing = Task.Run(() => AnnounceAsync(ct));
        }
    }

    /// <summary>Work was committed: wakes this process's dispatchers now and tells the other processes shortly.</summary>
    public void WorkArrived(bool orchestrations, bool activities)
    {
        if (orchestrations)
        {
            Orchestrations.Pulse();
            if (Interlocked.Exchange(ref _orchestrationsArrived, 1) == 0)
                _announce.Release();
        }
        if (activities)
        {
            Activities.Pulse();
            if (Interlocked.Exchange(ref _activitiesArrived, 1) == 0)
                _announce.Release();
        }
    }

    /// <summary>Stops listening; <see cref="Start"/> may listen again later. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        CancellationTokenSource? stopping;
        Task? listening, announcing;
        lock (_gate)
        {
            (stopping, listening, announcing) = (_stopping, _listening, _announcing);
            (_stopping, _listening, _announcing) = (null, null, null);
        }
        if (stopping is null)
            return;
        await stopping.CancelAsync();
        if (listening is not null)
            await listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (announcing is not null)
            await announcing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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

    private async Task AnnounceAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await _announce.WaitAsync(ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (ct.IsCancellationRequested)
                return;
            var orchestrations = Interlocked.Exchange(ref _orchestrationsArrived, 0) == 1;
            var activities = Interlocked.Exchange(ref _activitiesArrived, 0) == 1;
            if (!orchestrations && !activities)
                continue;
            try
            {
                await using var command = dataSource.CreateCommand(
                    $"SELECT pg_notify('{OrchestrationChannel}', '') WHERE $1 UNION ALL SELECT pg_notify('{ActivityChannel}', '') WHERE $2");
                command.Parameters.Add(new NpgsqlParameter { Value = orchestrations });
                command.Parameters.Add(new NpgsqlParameter { Value = activities });
                await command.ExecuteNonQueryAsync(ct);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // The others find the work at their next poll.
                LogNotifyFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notifying other processes of new durable work failed")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The durable store's LISTEN connection failed; reconnecting (dispatchers keep polling meanwhile)")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}
