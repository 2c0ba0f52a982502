using Microsoft.DurableTask.Client;
using WalletFlow.Core.Corrections;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Durable;

/// <summary>The correction workflow on Durable Task, through whichever <see cref="DurableTaskClient"/> the host has (sidecar or Functions).</summary>
public sealed class DurableTaskCorrectionWorkflows(DurableTaskClient client) : ICorrectionWorkflows
{
    public Task StartAsync(CorrectionWorkflowInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return client.StartUnlessAliveAsync(CorrectionNames.Workflow, input.CorrectionId, input, cancellationToken);
    }

    public Task RaiseDecisionAsync(string correctionId, CorrectionDecision decision, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(correctionId, CorrectionNames.DecisionEvent, decision, cancellationToken);
}
