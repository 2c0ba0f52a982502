using Microsoft.DurableTask;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Telemetry;

namespace WalletFlow.Activities.Payouts;

/// <summary>
/// Step 1: amount + fee into the payout's hold (the Held transition commits with the movement). Only a
/// final refusal (<see cref="PayoutLifecycle.HoldRefusalIsFinal"/>: insufficient funds, invalid input) ends
/// the payout Rejected, nothing held. Anything else (a key in progress or conflicting: another execution of
/// this payout may be holding right now) throws, so the saga's retry policy runs the step again.
/// </summary>
public sealed class HoldPayoutActivity(HoldPayout hold, IPayoutStore payouts) : TaskActivity<PayoutSagaInput, PayoutStepResult>
{
    public override Task<PayoutStepResult> RunAsync(TaskActivityContext context, PayoutSagaInput input) =>
        PayoutTelemetry.TimeAsync(PayoutLifecycle.Hold, () => HoldAsync(input), PayoutStepOutcome.Of);

    private async Task<PayoutStepResult> HoldAsync(PayoutSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var held = await hold.RunAsync(new HoldPayoutRequest(PayoutSteps.Key(input.PayoutId, PayoutLifecycle.Hold), input.PayoutId, input.WalletId,
            PayoutSteps.Major(input.Currency, input.Amount), input.Currency, PayoutSteps.Major(input.Currency, input.Fee)), CancellationToken.None);
        if (held.IsSuccess)
        {
            // A replayed hold wrote nothing now: this brings a payouts row that missed it up to Held (no second event).
            await payouts.RecordAsync(input.PayoutId, PayoutLifecycle.Transitions.Held(), CancellationToken.None);
            return new PayoutStepResult(true);
        }
        if (!PayoutLifecycle.HoldRefusalIsFinal(held.Error))
        {
            await payouts.NoteAsync(input.PayoutId, PayoutStatus.Requested, $"hold retried: {held.Error.Code}: {held.Error.Message}", CancellationToken.None);
            return new PayoutStepResult(false, held.Error.Code, held.Error.Message, Retry: true);
        }
        await payouts.RecordAsync(input.PayoutId, PayoutLifecycle.Transitions.Rejected(held.Error.Message), CancellationToken.None);
        return new PayoutStepResult(false, held.Error.Code, held.Error.Message);
    }
}
