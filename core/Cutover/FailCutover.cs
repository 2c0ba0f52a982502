using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Cutover;

/// <summary>
/// A step failed: the cutover stops before the live flag. Legacy stays frozen and whatever was posted
/// stays posted until an operator rolls back (<see cref="RollbackCutover"/>): unfreezing on its own would
/// let the legacy system write while walletflow holds part of its balances.
/// </summary>
public sealed class FailCutover(ICutoverStore cutovers)
{
    /// <summary>Records the failure (once per cutover: the fail step).</summary>
    public async Task<bool> RunAsync(CutoverFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        await cutovers.RecordAsync(failure.CutoverId, CutoverLifecycle.Transitions.Failed(failure.Step, failure.Detail), cancellationToken);
        return true;
    }
}
