using Microsoft.DurableTask;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Telemetry;

namespace WalletFlow.Activities.Payouts;

/// <summary>Step 4a: the provider paid: hold to payouts clearing, fee to revenue; the Settled transition commits with the movement.</summary>
public sealed class SettlePayoutActivity(SettlePayout settle, IPayoutStore payouts) : TaskActivity<PayoutClosing, PayoutStepResult>
{
    public override Task<PayoutStepResult> RunAsync(TaskActivityContext context, PayoutClosing input) =>
        PayoutTelemetry.TimeAsync(PayoutLifecycle.Settle, () => SettleAsync(input), PayoutStepOutcome.Of);

    private async Task<PayoutStepResult> SettleAsync(PayoutClosing input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var payout = input.Payout;
        var settled = await settle.RunAsync(new SettlePayoutRequest(PayoutSteps.Key(payout.PayoutId, PayoutLifecycle.Settle), payout.PayoutId,
            payout.ProviderId, input.Detail, input.ProviderReference), CancellationToken.None);
        if (!settled.IsSuccess)
            return new PayoutStepResult(false, settled.Error.Code, settled.Error.Message);
        // A replayed settle wrote nothing now: this brings a payouts row that missed it up to Settled (no second event).
        await payouts.RecordAsync(payout.PayoutId, PayoutLifecycle.Transitions.Settled(input.Detail, input.ProviderReference), CancellationToken.None);
        return new PayoutStepResult(true);
    }
}
