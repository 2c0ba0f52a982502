using Microsoft.DurableTask;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Telemetry;

namespace WalletFlow.Activities.Payouts;

/// <summary>Step 4b: the payout definitively failed: the hold goes back to the wallet; the Released transition commits with the movement.</summary>
public sealed class ReleasePayoutActivity(ReleasePayout release, IPayoutStore payouts) : TaskActivity<PayoutClosing, PayoutStepResult>
{
    public override Task<PayoutStepResult> RunAsync(TaskActivityContext context, PayoutClosing input) =>
        PayoutTelemetry.TimeAsync(PayoutLifecycle.Release, () => ReleaseAsync(input), PayoutStepOutcome.Of);

    private async Task<PayoutStepResult> ReleaseAsync(PayoutClosing input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var payoutId = input.Payout.PayoutId;
        var released = await release.RunAsync(new ReleasePayoutRequest(PayoutSteps.Key(payoutId, PayoutLifecycle.Release), payoutId,
            input.Detail, input.ProviderReference), CancellationToken.None);
        if (!released.IsSuccess)
            return new PayoutStepResult(false, released.Error.Code, released.Error.Message);
        // A replayed release wrote nothing now: this brings a payouts row that missed it up to Released (no second event).
        await payouts.RecordAsync(payoutId, PayoutLifecycle.Transitions.Released(input.Detail, input.ProviderReference), CancellationToken.None);
        return new PayoutStepResult(true);
    }
}
