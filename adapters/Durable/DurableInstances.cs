using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace WalletFlow.Adapters.Durable;

/// <summary>
/// How every walletflow workflow is started: the instance id is the business id (payout, correction,
/// cutover, maturity run), so a start is idempotent. One place for the rule, every workflow port uses it.
/// </summary>
public static class DurableInstances
{
    /// <summary>
    /// An instance in one of these is the workflow at work: a start leaves it alone. An instance that
    /// ended (Completed, Failed, Terminated) is replaced by the store in the same call that creates the new
    /// one, with no purge-then-schedule gap.
    /// </summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus> Alive { get; } =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    /// <summary>Starts <paramref name="orchestration"/> as <paramref name="instanceId"/> unless a live instance of that id exists.</summary>
    public static async Task StartUnlessAliveAsync(this DurableTaskClient client, string orchestration, string instanceId, object input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(new TaskName(orchestration), input,
                new StartOrchestrationOptions(InstanceId: instanceId).WithDedupeStatuses([.. Alive]), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // A live instance refused the start (dedupe): it is the workflow, never a second one. It may have
            // ended since; asking again whether it lives then answered "no" and the caller got a 500.
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A backend that reports the refusal otherwise: the instance must be alive now. Anything else is a real failure.
            if (!await client.IsAliveAsync(instanceId, cancellationToken))
                throw;
        }
    }

    /// <summary>True when an instance exists and has not ended (completed, failed or terminated).</summary>
    public static async Task<bool> IsAliveAsync(this DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = await client.GetInstanceAsync(instanceId, cancellationToken);
        return instance is not null && Alive.Contains(instance.RuntimeStatus);
    }
}
