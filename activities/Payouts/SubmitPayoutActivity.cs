using Microsoft.DurableTask;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;

namespace WalletFlow.Activities.Payouts;

/// <summary>Step 2: sends the payout to its provider with the payout id as the provider's idempotency key.</summary>
public sealed class SubmitPayoutActivity(IPaymentProviderRegistry providers, IPayoutStore payouts) : TaskActivity<PayoutSagaInput, ProviderReply>
{
    public override async Task<ProviderReply> RunAsync(TaskActivityContext context, PayoutSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var currency = Currency.Find(input.Currency).Value;
        var provider = providers.ForPayout(input.ProviderId, currency);
        // No provider, or one that does not pay this currency: nothing was sent, so this is a definitive refusal.
        var reply = provider.IsSuccess
            ? ProviderReply.From(await provider.Value.SubmitAsync(new PayoutInstruction(input.PayoutId, new Money(currency, input.Amount), input.Beneficiary), CancellationToken.None))
            : new ProviderReply(ProviderReplyKind.Rejected, Detail: provider.Error.Message);
        await payouts.RecordAsync(input.PayoutId,
            new PayoutTransition("submit", reply.Status, "PayoutSubmitted", reply.ToString(), reply.ProviderReference), CancellationToken.None);
        return reply;
    }
}
