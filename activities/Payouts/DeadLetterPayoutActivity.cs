using Microsoft.DurableTask;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Telemetry;

namespace WalletFlow.Activities.Payouts;

/// <summary>Step 5: the requery budget is spent and the provider's answer is still not definitive: dead-letter into manual review.</summary>
public sealed class DeadLetterPayoutActivity(IPayoutStore payouts) : TaskActivity<PayoutDeadLetter, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, PayoutDeadLetter input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return PayoutTelemetry.TimeAsync(PayoutLifecycle.DeadLetter,
            () => payouts.RecordAsync(input.PayoutId, PayoutLifecycle.Transitions.DeadLettered(input.Requeries, input.LastDetail), CancellationToken.None),
            _ => WalletFlowTelemetry.Outcomes.Passed);
    }
}
