using Microsoft.DurableTask;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;

namespace WalletFlow.Activities.Payouts;

/// <summary>Step 1: amount + fee into the payout's hold; a refusal (insufficient funds) ends the payout Rejected, nothing held.</summary>
public sealed class HoldPayoutActivity(HoldPayout hold, IPayoutStore payouts) : TaskActivity<PayoutSagaInput, PayoutStepResult>
{
    public override async Task<PayoutStepResult> RunAsync(TaskActivityContext context, PayoutSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var held = await hold.RunAsync(new HoldPayoutRequest(PayoutSteps.Key(input.PayoutId, "hold"), input.PayoutId, input.WalletId,
            PayoutSteps.Major(input.Currency, input.Amount), input.Currency, PayoutSteps.Major(input.Currency, input.Fee)), CancellationToken.None);
        if (!held.IsSuccess)
        {
            await payouts.RecordAsync(input.PayoutId, new PayoutTransition("hold", PayoutStatus.Rejected, "PayoutRejected", held.Error.Message), CancellationToken.None);
            return new PayoutStepResult(false, held.Error.Code, held.Error.Message);
        }
        await payouts.RecordAsync(input.PayoutId, new PayoutTransition("hold", PayoutStatus.Held, "PayoutHeld", $"ledger transaction {held.Value.TransactionId}"), CancellationToken.None);
        return new PayoutStepResult(true);
    }
}
