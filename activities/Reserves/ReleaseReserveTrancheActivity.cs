using Microsoft.DurableTask;
using WalletFlow.Core.Reserves;
using WalletFlow.Core.Results;

namespace WalletFlow.Activities.Reserves;

/// <summary>
/// The maturity run's step per tranche: <see cref="ReleaseReserveTranche"/> under the tranche's key.
/// Released (or this key's release replayed) and released-before are both done; any other refusal is
/// reported, not thrown, so one frozen wallet does not fail the run. A key still in progress (another
/// run releasing this tranche right now) throws, so the step's retry asks again.
/// </summary>
public sealed class ReleaseReserveTrancheActivity(ReleaseReserveTranche release) : TaskActivity<string, TrancheRelease>
{
    public override async Task<TrancheRelease> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        var released = await release.RunAsync(new ReleaseReserveTrancheRequest(ReserveMaturity.TrancheKey(input), input), CancellationToken.None);
        if (released.TryGetValue(out var receipt, out var rejected))
            return new TrancheRelease(input, TrancheReleaseOutcome.Released, receipt.CommandId);
        return rejected switch
        {
            ReserveTrancheAlreadyReleased before => new TrancheRelease(input, TrancheReleaseOutcome.AlreadyReleased, before.ReleasedBy),
            { Code: RejectionCodes.IdempotencyInProgress } => throw new InvalidOperationException($"Reserve tranche {input}: {rejected.Message}"),
            _ => new TrancheRelease(input, TrancheReleaseOutcome.Refused, Detail: rejected.ToString()),
        };
    }
}
