using DurableTask.Core;

namespace WalletFlow.Host.Durable;

/// <summary>
/// The backend as the sidecar's dispatchers see it: every call passes through except Start and Stop,
/// and the dispatch concurrency is walletflow's (<c>Durable:MaxConcurrent*</c>), enforced here.
/// </summary>
/// <remarks>
/// <para>Start and Stop: TaskHubGrpcServer starts and stops its backend from <c>async void</c> lifetime
/// callbacks, where an exception ends the process: DurableTask.AzureStorage 2.11.2 threw
/// NullReferenceException from its StopAsync there when the host stopped. <see cref="DurableSidecar"/>
/// starts and stops the real backend itself, awaited, so a failure there fails start-up or is logged.</para>
/// <para>Concurrency: the sidecar's own dispatcher (InProcessTestHost 0.2.3-preview.1, WorkItemDispatcher)
/// checks its limit by sleeping 500 ms whenever that many work items are busy, however fast they finish.
/// So each dispatcher ran at most its limit per half second: 50 activities at a time made 100 activities/s,
/// and a payout takes three, which was the 30 payouts/s the bench measured on either backend. Here the
/// dispatcher is told the limit is never reached, and a fetch instead waits for a free slot, which a
/// work item gives back the moment it is completed, abandoned or released.</para>
/// </remarks>
internal sealed class SidecarOrchestrationService(
    IDurableBackend backend, int maxConcurrentOrchestrations, int maxConcurrentActivities) : IOrchestrationService, IDisposable
{
    // What the dispatcher is told: far above anything in flight, so it never sleeps on it.
    private const int NeverReached = 1_000_000;

    private readonly IOrchestrationService inner = backend.Service;
    private readonly SemaphoreSlim _orchestrationSlots = new(maxConcurrentOrchestrations, maxConcurrentOrchestrations);
    private readonly SemaphoreSlim _activitySlots = new(maxConcurrentActivities, maxConcurrentActivities);

    public Task StartAsync() => Task.CompletedTask;

    public Task StopAsync() => Task.CompletedTask;

    public Task StopAsync(bool isForced) => Task.CompletedTask;

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => NeverReached;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => NeverReached;

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    /// <summary>
    /// The sidecar's WorkItemDispatcher passes this number to <c>Task.Delay(int)</c>, which reads it as
    /// milliseconds: a backend's "1 second" became a 1 ms retry loop, 121 failed fetches logged with stack
    /// traces in one second while the database was down (crash harness). Given in milliseconds here, so
    /// the wait is the backend's seconds.
    /// </summary>
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception) * 1000;

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        await _orchestrationSlots.WaitAsync(cancellationToken);
        TaskOrchestrationWorkItem? workItem = null;
        try
        {
            workItem = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
            return workItem;
        }
        finally
        {
            if (workItem is null)
                _orchestrationSlots.Release();
        }
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        await inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
        backend.EpisodeCommitted(newOrchestrationRuntimeState);
    }

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    /// <summary>The dispatcher releases every work item it fetched, whatever happened to it: its slot is given back here.</summary>
    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        try
        {
            await inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
        }
        finally
        {
            _orchestrationSlots.Release();
        }
    }

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        await _activitySlots.WaitAsync(cancellationToken);
        TaskActivityWorkItem? workItem = null;
        try
        {
            workItem = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
            return workItem;
        }
        finally
        {
            if (workItem is null)
                _activitySlots.Release();
        }
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    // An activity work item ends completed or abandoned (the sidecar has no release for activities); a
    // completion that throws is abandoned next by the dispatcher, which gives the slot back then.
    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        await inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
        _activitySlots.Release();
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        try
        {
            await inner.AbandonTaskActivityWorkItemAsync(workItem);
        }
        finally
        {
            _activitySlots.Release();
        }
    }

    public void Dispose()
    {
        _orchestrationSlots.Dispose();
        _activitySlots.Dispose();
    }
}
