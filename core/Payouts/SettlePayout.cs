using WalletFlow.Core.Accounts;
using WalletFlow.Core.Holds;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;

namespace WalletFlow.Core.Payouts;

/// <summary>
/// Payout settle (design.md §7 step 4): the held amount goes to <c>clearing:payouts:{providerId}</c>,
/// the held fee to <c>revenue:fees</c>, and the payout's hold closes as settled; the payout's Settled
/// transition commits with the movement.
/// </summary>
public sealed class SettlePayout(MovementPipeline pipeline)
{
    /// <summary>Settles the payout's hold, or rejects (no hold: not found; closed: state conflict).</summary>
    public async Task<Result<MovementReceipt>> RunAsync(SettlePayoutRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input =
            from payoutId in MovementInput.Id(request.PayoutId, "payoutId")
            from providerId in MovementInput.Id(request.ProviderId, "providerId")
            select (payoutId, providerId);
        if (!input.TryGetValue(out var valid, out var rejected))
            return rejected;

        var canonical = new { payoutId = valid.payoutId, providerId = valid.providerId };
        return await pipeline.RunAsync(TemplateNames.PayoutSettle, request.Key, canonical, async (transaction, ct) =>
        {
            var open = HoldRules.RequireOpen(await transaction.LockHoldAsync(valid.payoutId, ct), valid.payoutId, HoldKind.Payout, "payoutId");
            if (!open.TryGetValue(out var hold, out var refused))
                return refused;
            var call = new TemplateCall(TemplateNames.PayoutSettle, new Dictionary<string, TemplateVar>
            {
                ["hold"] = new TemplateVar.Account(AccountAddresses.WalletHold(hold.WalletId, hold.HoldId)),
                ["clearing"] = new TemplateVar.Account(AccountAddresses.PayoutClearing(valid.providerId)),
                ["amount"] = new TemplateVar.Monetary(hold.Amount),
                ["fee"] = new TemplateVar.Monetary(hold.Fee),
            });
            var settled = PayoutLifecycle.Transitions.Settled(request.Detail, request.ProviderReference);
            return new MovementPlan(call, "payout", hold.HoldId, settled.EventType)
            {
                StateChanges = [new StateChange.HoldClosed(hold.HoldId, HoldOutcome.Settled), new StateChange.PayoutMoved(hold.HoldId, settled)],
                Attributes = new Dictionary<string, string>
                {
                    ["payoutId"] = hold.HoldId,
                    ["walletId"] = hold.WalletId,
                    ["providerId"] = valid.providerId,
                    ["amount"] = hold.Amount.FormatAmount(),
                    ["fee"] = hold.Fee.FormatAmount(),
                    ["currency"] = hold.Amount.Currency.Code,
                },
            };
        }, cancellationToken);
    }
}
