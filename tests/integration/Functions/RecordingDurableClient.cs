using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace WalletFlow.Tests.Integration.Functions;

/// <summary>
/// Stands in for the [DurableClient] binding the Functions host hands a trigger (the host cannot run
/// here): records what the function asks of the durable runtime and answers status queries with the
/// instance a test sets. Anything else a function should not call throws.
/// </summary>
public sealed class RecordingDurableClient() : DurableTaskClient("recording")
{
    public List<(TaskName Name, string InstanceId, object? Input)> Scheduled { get; } = [];

    public List<(string InstanceId, string EventName, object? Payload)> Raised { get; } = [];

    /// <summary>What <see cref="GetInstancesAsync"/> answers; null: no such instance.</summary>
    public OrchestrationMetadata? Instance { get; set; }

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null,
        StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instanceId = options?.InstanceId ?? throw new InvalidOperationException("walletflow always names the instance");
        Scheduled.Add((orchestratorName, instanceId, input));
        return Task.FromResult(instanceId);
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        Raised.Add((instanceId, eventName, eventPayload));
        return Task.CompletedTask;
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(Instance?.InstanceId == instanceId ? Instance : null);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        throw new NotSupportedException();

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
