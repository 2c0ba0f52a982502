using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.Extensions.Logging;
using Npgsql;
using WalletFlow.Adapters.Telemetry;

namespace WalletFlow.Adapters.Durable.Postgres;

/// <summary>
/// A DurableTask.Core orchestration store in PostgreSQL (schema <c>durable</c>, migration 0012), shared
/// by every walletflow process on the database. Its design follows Microsoft's SQL Server provider for
/// the Durable Task Framework: an orchestration's new messages, the history they extend and the messages
/// its episode sends are committed in one transaction; an instance or an activity is worked on under a
/// lease (taken with <c>FOR UPDATE SKIP LOCKED</c>, renewed while its process lives, taken over when it
/// runs out), so a process killed mid-episode loses nothing: its work runs again elsewhere, from the last
/// commit. Dispatchers are woken by LISTEN/NOTIFY and by the due time of the next timer.
/// </summary>
public sealed partial class PostgresOrchestrationService :
    IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresTaskHubOptions _options;
    private readonly ILogger _logger;
    private readonly WorkSignal _signal;
    private readonly GroupCommits _commits;
    private readonly ConcurrentDictionary<string, HeldOrchestration> _heldOrchestrations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HeldActivity> _heldActivities = new(StringComparer.Ordinal);
    private CancellationTokenSource? _renewing;
    private Task? _renewal;
    // Set when the process stops: a look for work still in flight then gives back what it leased.
    private volatile bool _stopping;

    public PostgresOrchestrationService(string connectionString, PostgresTaskHubOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var pooled = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = options.MaxConnections,
            ApplicationName = "walletflow-durable",
        };
        if (pooled.MaxAutoPrepare == 0)
            pooled.MaxAutoPrepare = 32;
        _dataSource = NamedDataSource.Build(pooled.ConnectionString, pooled.ApplicationName);
        _options = options;
        _logger = loggerFactory.CreateLogger<PostgresOrchestrationService>();
        _signal = new WorkSignal(connectionString, _dataSource, _logger);
        _commits = new GroupCommits(_dataSource, writers: 2, maxGroup: 64);
        Owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    }

    /// <summary>Who holds this process's leases (machine, process id, a start-unique part).</summary>
    public string Owner { get; }

    public int TaskOrchestrationDispatcherCount => 1;

    public int MaxConcurrentTaskOrchestrationWorkItems => 100;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    public int TaskActivityDispatcherCount => 1;

    public int MaxConcurrentTaskActivityWorkItems => 50;

    public Task CreateAsync() => Task.CompletedTask;

    public Task CreateAsync(bool recreateInstanceStore) => recreateInstanceStore ? DeleteAsync(true) : Task.CompletedTask;

    /// <summary>The schema is walletflow's migration 0012, applied before anything starts.</summary>
    public Task CreateIfNotExistsAsync() => Task.CompletedTask;

    public Task DeleteAsync() => DeleteAsync(true);

    /// <summary>Empties the task hub: every instance, its history and every pending message.</summary>
    public async Task DeleteAsync(bool deleteInstanceStore)
    {
        if (!deleteInstanceStore)
            return;
        await using var command = _dataSource.CreateCommand(
            "TRUNCATE durable.instances, durable.history, durable.new_events, durable.new_tasks");
        await command.ExecuteNonQueryAsync();
    }

    public Task StartAsync()
    {
        _stopping = false;
        _signal.Start();
        _renewing = new CancellationTokenSource();
        _renewal = Task.Run(() => RenewLeasesAsync(_renewing.Token));
        return Task.CompletedTask;
    }

    public Task StopAsync() => StopAsync(false);

    public async Task StopAsync(bool isForced)
    {
        await GiveBackLeasesAsync();
        if (_renewing is { } renewing)
        {
            await renewing.CancelAsync();
            if (_renewal is { } renewal)
                await renewal.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            renewing.Dispose();
            _renewing = null;
        }
        await _signal.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(true);
        await _commits.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    /// <summary>
    /// Every lease this process holds goes back to the store when it stops: work leased ahead of the
    /// dispatchers and never handed to them, and work whose episode will not commit now (its worker has
    /// gone). A restart or another process carries on at once instead of waiting out the leases. A work
    /// item still running here after this is refused at its commit (its lease token is gone).
    /// </summary>
    private async Task GiveBackLeasesAsync()
    {
        // Set before the statements below: a look that commits after them sees it and gives back its own.
        _stopping = true;
        _leasedOrchestrations.Clear();
        _leasedActivities.Clear();
        _heldOrchestrations.Clear();
        _heldActivities.Clear();
        // By owner, not by what this process has noted as held: a look that committed its lease a moment
        // ago may not have noted it yet (the restart then waited the whole lease for that instance).
        await GiveBackAsync("lock_owner", Owner);
    }

    /// <summary>Clears every instance and activity lease whose <paramref name="column"/> (lock_owner or lock_token) is <paramref name="value"/>.</summary>
    private async Task GiveBackAsync(string column, object value)
    {
        try
        {
            await using var batch = _dataSource.CreateBatch();
            batch.BatchCommands.Add(Sql.Command(
                $"UPDATE durable.instances SET lock_token = NULL, lock_owner = NULL, lock_expires_at = NULL WHERE {column} = $1", value));
            batch.BatchCommands.Add(Sql.Command(
                $"UPDATE durable.new_tasks SET lock_token = NULL, lock_owner = NULL, lock_expires_at = NULL WHERE {column} = $1", value));
            await batch.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            LogGiveBackFailed(_logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Giving back the durable store's leases at stop failed; it is taken over when its leases run out")]
    private static partial void LogGiveBackFailed(ILogger logger, Exception exception);

    /// <summary>
    /// Runs one look for work (a lease statement) and hands its rows to <paramref name="read"/>. A look
    /// cancelled after the database may have committed it, or one that finished after the process began
    /// to stop (its leases already given back), gives what it leased back at once: otherwise a restart
    /// would wait out the whole lease. Returns false when it did; the caller then holds nothing.
    /// </summary>
    private async Task<bool> LookAsync(NpgsqlBatch lease, Guid token, Func<NpgsqlDataReader, CancellationToken, Task> read, CancellationToken ct)
    {
        try
        {
            await using (lease)
            {
                await using var reader = await lease.ExecuteReaderAsync(ct);
                await reader.NextResultAsync(ct); // past set_config's row
                await read(reader, ct);
            }
        }
        catch (OperationCanceledException)
        {
            await GiveBackLookAsync(token);
            throw;
        }
        if (!_stopping)
            return true;
        await GiveBackLookAsync(token);
        return false;
    }

    private Task GiveBackLookAsync(Guid token) => GiveBackAsync("lock_token", token);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => exception is OperationCanceledException ? 0 : 1;

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => exception is OperationCanceledException ? 0 : 1;

    /// <summary>
    /// Every third of the lease, pushes out the expiry of every lease this process holds. A process that
    /// stops renewing (killed, hung, cut off from the database) loses its work to the others.
    /// </summary>
    private async Task RenewLeasesAsync(CancellationToken ct)
    {
        var every = _options.LeaseDuration / 3;
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(every, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (ct.IsCancellationRequested)
                return;
            try
            {
                var instances = _heldOrchestrations.Keys.ToArray();
                var tasks = _heldActivities.Values.Select(a => a.TaskId).ToArray();
                if (instances.Length == 0 && tasks.Length == 0)
                    continue;
                await using var batch = _dataSource.CreateBatch();
                // SKIP LOCKED: a row another transaction holds right now is one being committed or given
                // back (its lease ends there); waiting on it deadlocked with group commits (40P01 in the logs).
                batch.BatchCommands.Add(Sql.Command("""
                    UPDATE durable.instances i SET lock_expires_at = now() + $2
                    FROM (SELECT instance_id FROM durable.instances WHERE instance_id = ANY($1) AND lock_owner = $3
                          ORDER BY instance_id FOR UPDATE SKIP LOCKED) c
                    WHERE i.instance_id = c.instance_id
                    """, instances, _options.LeaseDuration, Owner));
                batch.BatchCommands.Add(Sql.Command("""
                    UPDATE durable.new_tasks t SET lock_expires_at = now() + $2
                    FROM (SELECT id FROM durable.new_tasks WHERE id = ANY($1) AND lock_owner = $3
                          ORDER BY id FOR UPDATE SKIP LOCKED) c
                    WHERE t.id = c.id
                    """, tasks, _options.LeaseDuration, Owner));
                await batch.ExecuteNonQueryAsync(ct);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                LogRenewFailed(_logger, e);
            }
        }
    }

    /// <summary>Waits for <paramref name="wakeup"/>, the next due time, the poll interval or cancellation, whichever comes first.</summary>
    private async Task WaitForWorkAsync(Task wakeup, DateTime? nextDueUtc, CancellationToken ct)
    {
        var wait = _options.PollInterval;
        if (nextDueUtc is { } due)
        {
            var untilDue = due - DateTime.UtcNow;
            if (untilDue < wait)
                wait = untilDue < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : untilDue;
        }
        await wakeup.WaitAsync(wait, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        ct.ThrowIfCancellationRequested();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the durable store's leases failed; they are renewed again shortly")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);
}
