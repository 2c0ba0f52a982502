using WalletFlow.Core.Cutover;

namespace WalletFlow.Core.Ports;

/// <summary>The cutover workflows' runtime as use cases see it (Durable Task in both hosts).</summary>
public interface ICutoverWorkflows
{
    /// <summary>Starts the forward workflow with instance id = cutover id; a live instance is left alone.</summary>
    Task StartAsync(CutoverWorkflowInput input, CancellationToken cancellationToken);

    /// <summary>Starts the rollback workflow (<see cref="CutoverActivityNames.RollbackInstance"/>); a live instance is left alone.</summary>
    Task StartRollbackAsync(CutoverWorkflowInput input, CancellationToken cancellationToken);

    /// <summary>True when the forward workflow of <paramref name="cutoverId"/> exists and has not ended (completed, failed or terminated).</summary>
    Task<bool> IsAliveAsync(string cutoverId, CancellationToken cancellationToken);

    /// <summary>The runtime status of an instance ("Running", "Completed"…), or null when there is none.</summary>
    Task<string?> StatusAsync(string instanceId, CancellationToken cancellationToken);
}
