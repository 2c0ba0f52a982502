using WalletFlow.Core.Accounts;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Payouts;

/// <summary>
/// Payout hold (design.md §7 step 1): the amount and the fee move from the wallet into
/// <c>wallets:{id}:holds:{payoutId}</c>, and a payout hold row is opened, so neither can be spent
/// while the provider works. Not enough available is an <see cref="InsufficientFunds"/> rejection:
/// the saga ends Rejected with nothing held. The payout's Held transition commits with the movement.
/// </summary>
public sealed class HoldPayout(MovementPipeline pipeline)
{
    /// <summary>Holds the payout's funds, or rejects.</summary>
    public async Task<Result<MovementReceipt>> RunAsync(HoldPayoutRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input =
            from ccy in MovementInput.Currency(request.Currency, "currency")
            from payoutId in MovementInput.Id(request.PayoutId, "payoutId")
            from walletId in MovementInput.Id(request.WalletId, "walletId")
            from amount in MovementInput.PositiveAmount(request.Amount, ccy, "amount")
            from fee in MovementInput.OptionalFee(request.Fee, ccy, "fee")
            select (ccy, payoutId, walletId, amount, fee);
        if (!input.TryGetValue(out var valid, out var rejected))
            return rejected;

        var canonical = new
        {
            payoutId = valid.payoutId,
            walletId = valid.walletId,
            currency = valid.ccy.Code,
            amount = valid.amount.MinorUnits,
            fee = valid.fee.MinorUnits,
        };
        return await pipeline.RunAsync(TemplateNames.PayoutHold, request.Key, canonical, async (transaction, ct) =>
        {
            var wallet = await WalletRules.RequireAsync(transaction, valid.walletId, valid.ccy, "walletId", ct);
            if (!wallet.IsSuccess)
                return wallet.Error;
            if (await transaction.LockHoldAsync(valid.payoutId, ct) is not null)
                return new StateConflict($"Payout '{valid.payoutId}' already has a hold; a payout holds its funds once.") { Field = "payoutId" };
            var call = new TemplateCall(TemplateNames.PayoutHold, new Dictionary<string, TemplateVar>
            {
                ["wallet"] = new TemplateVar.Account(AccountAddresses.WalletMain(valid.walletId)),
                ["hold"] = new TemplateVar.Account(AccountAddresses.WalletHold(valid.walletId, valid.payoutId)),
                ["amount"] = new TemplateVar.Monetary(valid.amount),
                ["fee"] = new TemplateVar.Monetary(valid.fee),
            });
            var held = PayoutLifecycle.Transitions.Held($"{(valid.amount + valid.fee).FormatAmount()} {valid.ccy.Code} held");
            return new MovementPlan(call, "payout", valid.payoutId, held.EventType)
            {
                StateChanges =
                [
                    new StateChange.HoldOpened(valid.payoutId, valid.walletId, HoldKind.Payout, valid.amount, valid.fee),
                    new StateChange.PayoutMoved(valid.payoutId, held),
                ],
                Attributes = new Dictionary<string, string>
                {
                    ["payoutId"] = valid.payoutId,
                    ["holdId"] = valid.payoutId,
                    ["walletId"] = valid.walletId,
                    ["amount"] = valid.amount.FormatAmount(),
                    ["fee"] = valid.fee.FormatAmount(),
                    ["currency"] = valid.ccy.Code,
                },
            };
        }, cancellationToken);
    }
}
