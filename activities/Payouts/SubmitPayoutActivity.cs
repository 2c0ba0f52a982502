using Microsoft.DurableTask;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Telemetry;

namespace WalletFlow.Activities.Payouts;

/// <summary>
/// Step 2: sends the payout to its provider with the payout id as the provider's idempotency key. The
/// payout moves to Submitting before the call, so once a submit may have left, not finding the provider
/// (removed from configuration) or its not serving the currency any more (edited) is Ambiguous: requery,
/// then manual review. Only the provider's own answer is a definitive rejection then.
/// </summary>
public sealed class SubmitPayoutActivity(IPaymentProviderRegistry providers, IPayoutStore payouts) : TaskActivity<PayoutSagaInput, ProviderReply>
{
    public override Task<ProviderReply> RunAsync(TaskActivityContext context, PayoutSagaInput input) =>
        PayoutTelemetry.TimeAsync(PayoutLifecycle.Submit, () => SubmitAsync(input), PayoutStepOutcome.Of);

    private async Task<ProviderReply> SubmitAsync(PayoutSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var currency = Currency.Find(input.Currency).Value;
        var provider = providers.ForPayout(input.ProviderId, currency);
        ProviderReply reply;
        if (!provider.IsSuccess)
        {
            var payout = await payouts.FindAsync(input.PayoutId, CancellationToken.None)
                ?? throw new InvalidOperationException($"Payout {input.PayoutId} has no row: its saga was started without it.");
            reply = PayoutLifecycle.SubmitMayHaveBeenSent(payout.Status)
                ? new ProviderReply(ProviderReplyKind.Ambiguous, Detail: $"a submit may have been sent before, and now: {provider.Error.Message}")
                : new ProviderReply(ProviderReplyKind.Rejected, Detail: provider.Error.Message); // nothing was ever sent
        }
        else
        {
            await payouts.RecordAsync(input.PayoutId, PayoutLifecycle.Transitions.SubmitSending(input.ProviderId), CancellationToken.None);
            reply = ProviderReply.From(await provider.Value.SubmitAsync(
                new PayoutInstruction(input.PayoutId, new Money(currency, input.Amount), input.Beneficiary), CancellationToken.None));
        }
        await payouts.RecordAsync(input.PayoutId, PayoutLifecycle.Transitions.Submitted(reply), CancellationToken.None);
        return reply;
    }
}
