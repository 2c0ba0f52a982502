using Microsoft.DurableTask;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Telemetry;

namespace WalletFlow.Activities.Payouts;

/// <summary>Step 3: asks the provider where the payout is. An unclear answer is followed by a resubmit under the same payout id, which the provider answers with the payout's state (or takes it, if the first submit never arrived).</summary>
public sealed class QueryPayoutActivity(IPaymentProviderRegistry providers, IPayoutStore payouts) : TaskActivity<PayoutQuery, ProviderReply>
{
    public override Task<ProviderReply> RunAsync(TaskActivityContext context, PayoutQuery input) =>
        PayoutTelemetry.TimeAsync(PayoutTelemetry.RequeryStep, () => QueryAsync(input), PayoutStepOutcome.Of);

    private async Task<ProviderReply> QueryAsync(PayoutQuery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var provider = providers.Find(input.ProviderId);
        if (!provider.IsSuccess)
            return await RecordAsync(input, new ProviderReply(ProviderReplyKind.Ambiguous, Detail: provider.Error.Message));
        var reply = ProviderReply.From(await provider.Value.QueryAsync(input.PayoutId, CancellationToken.None));
        if (reply.Kind == ProviderReplyKind.Ambiguous && await payouts.FindAsync(input.PayoutId, CancellationToken.None) is { } payout)
        {
            reply = ProviderReply.From(await provider.Value.SubmitAsync(
                new PayoutInstruction(payout.PayoutId, payout.Amount, payout.Beneficiary), CancellationToken.None));
        }
        return await RecordAsync(input, reply);
    }

    private async Task<ProviderReply> RecordAsync(PayoutQuery input, ProviderReply reply)
    {
        await payouts.RecordAsync(input.PayoutId, PayoutLifecycle.Transitions.Requeried(input.Attempt, reply), CancellationToken.None);
        return reply;
    }
}
