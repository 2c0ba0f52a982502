using WalletFlow.Core.Accounts;
using WalletFlow.Core.Holds;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;

namespace WalletFlow.Core.Payouts;

/// <summary>
/// Payout release (design.md §7 step 4): everything the payout's hold has (amount and fee) goes back
/// to the wallet and the hold closes as released. Only for a definitive failure: the saga never
/// releases while the provider's state is ambiguous. The payout's Released transition commits with the movement.
/// </summary>
public sealed class ReleasePayout(MovementPipeline pipeline)
{
    /// <summary>Releases the payout's hold, or rejects (no hold: not found; closed: state conflict).</summary>
    public async Task<Result<MovementReceipt>> RunAsync(ReleasePayoutRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var payoutId = MovementInput.Id(request.PayoutId, "payoutId");
        if (!payoutId.TryGetValue(out var id, out var rejected))
            return rejected;

        return await pipeline.RunAsync(TemplateNames.PayoutRelease, request.Key, new { payoutId = id }, async (transaction, ct) =>
        {
            var open = HoldRules.RequireOpen(await transaction.LockHoldAsync(id, ct), id, HoldKind.Payout, "payoutId");
            if (!open.TryGetValue(out var hold, out var refused))
                return refused;
            var call = new TemplateCall(TemplateNames.PayoutRelease, new Dictionary<string, TemplateVar>
            {
                ["hold"] = new TemplateVar.Account(AccountAddresses.WalletHold(hold.WalletId, hold.HoldId)),
                ["wallet"] = new TemplateVar.Account(AccountAddresses.WalletMain(hold.WalletId)),
                ["asset"] = new TemplateVar.Asset(hold.Amount.Currency.LedgerAsset),
            });
            var released = PayoutLifecycle.Transitions.Released(request.Detail, request.ProviderReference);
            return new MovementPlan(call, "payout", hold.HoldId, released.EventType)
            {
                StateChanges = [new StateChange.HoldClosed(hold.HoldId, HoldOutcome.Released), new StateChange.PayoutMoved(hold.HoldId, released)],
                Attributes = new Dictionary<string, string>
                {
                    ["payoutId"] = hold.HoldId,
                    ["walletId"] = hold.WalletId,
                    ["amount"] = hold.Amount.FormatAmount(),
                    ["fee"] = hold.Fee.FormatAmount(),
                    ["released"] = (hold.Amount + hold.Fee).FormatAmount(),
                    ["currency"] = hold.Amount.Currency.Code,
                },
            };
        }, cancellationToken);
    }
}
