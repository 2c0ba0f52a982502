using Microsoft.DurableTask;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;

namespace WalletFlow.Activities.Payouts;

/// <summary>Step 4a: the provider paid: hold to payouts clearing, fee to revenue.</summary>
public sealed class SettlePayoutActivity(SettlePayout settle, IPayoutStore payouts) : TaskActivity<PayoutClosing, PayoutStepResult>
{
    public override async Task<PayoutStepResult> RunAsync(TaskActivityContext context, PayoutClosing input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var payout = input.Payout;
        var settled = await settle.RunAsync(new SettlePayoutRequest(PayoutSteps.Key(payout.PayoutId, "settle"), payout.PayoutId, payout.ProviderId), CancellationToken.None);
        if (!settled.IsSuccess)
            return new PayoutStepResult(false, settled.Error.Code, settled.Error.Message);
        await payouts.RecordAsync(payout.PayoutId,
            new PayoutTransition("settle", PayoutStatus.Settled, "PayoutSettled", input.Detail, input.ProviderReference), CancellationToken.None);
        return new PayoutStepResult(true);
    }
}
