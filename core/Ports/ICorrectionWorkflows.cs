using WalletFlow.Core.Corrections;

namespace WalletFlow.Core.Ports;

/// <summary>The correction workflow's runtime as use cases see it (Durable Task in both hosts).</summary>
public interface ICorrectionWorkflows
{
    /// <summary>Starts the workflow with instance id = correction id; a live instance is left alone, one that ended is replaced.</summary>
    Task StartAsync(CorrectionWorkflowInput input, CancellationToken cancellationToken);

    /// <summary>Raises the decision event (the decision is already recorded).</summary>
    Task RaiseDecisionAsync(string correctionId, CorrectionDecision decision, CancellationToken cancellationToken);
}
