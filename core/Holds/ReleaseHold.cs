using WalletFlow.Core.Accounts;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;

namespace WalletFlow.Core.Holds;

/// <summary>Release a generic hold (design.md §6): everything in the hold goes back to <c>wallets:{id}:main</c>; the hold closes as released.</summary>
public sealed class ReleaseHold(MovementPipeline pipeline)
{
    /// <summary>Releases the hold, or rejects (unknown hold: not found; closed or payout hold: state conflict).</summary>
    public async Task<Result<MovementReceipt>> RunAsync(ReleaseHoldRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var holdId = MovementInput.Id(request.HoldId, "holdId");
        if (!holdId.TryGetValue(out var id, out var rejected))
            return rejected;

        return await pipeline.RunAsync(TemplateNames.HoldRelease, request.Key, new { holdId = id }, async (transaction, ct) =>
        {
            var open = HoldRules.RequireOpen(await transaction.LockHoldAsync(id, ct), id, HoldKind.Generic, "holdId");
            if (!open.TryGetValue(out var hold, out var refused))
                return refused;
            var call = new TemplateCall(TemplateNames.HoldRelease, new Dictionary<string, TemplateVar>
            {
                ["hold"] = new TemplateVar.Account(AccountAddresses.WalletHold(hold.WalletId, hold.HoldId)),
                ["wallet"] = new TemplateVar.Account(AccountAddresses.WalletMain(hold.WalletId)),
                ["asset"] = new TemplateVar.Asset(hold.Amount.Currency.LedgerAsset),
            });
            return new MovementPlan(call, "hold", hold.HoldId, "HoldReleased")
            {
                StateChanges = [new StateChange.HoldClosed(hold.HoldId, HoldOutcome.Released)],
                Attributes = new Dictionary<string, string>
                {
                    ["holdId"] = hold.HoldId,
                    ["walletId"] = hold.WalletId,
                    ["amount"] = (hold.Amount + hold.Fee).FormatAmount(),
                    ["currency"] = hold.Amount.Currency.Code,
                },
            };
        }, cancellationToken);
    }
}
