using Microsoft.DurableTask.Client;
using WalletFlow.Core.Cutover;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Durable;

/// <summary>The cutover workflows on Durable Task, through whichever <see cref="DurableTaskClient"/> the host has (sidecar or Functions).</summary>
public sealed class DurableTaskCutoverWorkflows(DurableTaskClient client) : ICutoverWorkflows
{
    public Task StartAsync(CutoverWorkflowInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return client.StartUnlessAliveAsync(CutoverActivityNames.Workflow, input.CutoverId, input, cancellationToken);
    }

    public Task StartRollbackAsync(CutoverWorkflowInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return client.StartUnlessAliveAsync(CutoverActivityNames.RollbackWorkflow, CutoverActivityNames.RollbackInstance(input.CutoverId), input, cancellationToken);
    }

    public Task<bool> IsAliveAsync(string cutoverId, CancellationToken cancellationToken) => client.IsAliveAsync(cutoverId, cancellationToken);

    public async Task<string?> StatusAsync(string instanceId, CancellationToken cancellationToken) =>
        (await client.GetInstanceAsync(instanceId, cancellationToken))?.RuntimeStatus.ToString();
}
