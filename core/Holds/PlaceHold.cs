using WalletFlow.Core.Accounts;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Holds;

/// <summary>
/// Place a generic hold (design.md §6): the amount moves from <c>wallets:{id}:main</c> to
/// <c>wallets:{id}:holds:{holdId}</c> and a hold row is opened. The ledger refuses an overdraft, so a
/// hold larger than the available balance is an <see cref="InsufficientFunds"/> rejection.
/// </summary>
public sealed class PlaceHold(MovementPipeline pipeline)
{
    /// <summary>Holds the funds, or rejects.</summary>
    public async Task<Result<MovementReceipt>> RunAsync(PlaceHoldRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input =
            from ccy in MovementInput.Currency(request.Currency, "currency")
            from walletId in MovementInput.Id(request.WalletId, "walletId")
            from amount in MovementInput.PositiveAmount(request.Amount, ccy, "amount")
            from holdId in request.HoldId is null ? Result.Success(HoldRules.DefaultHoldId(request.Key)) : MovementInput.Id(request.HoldId, "holdId")
            select (ccy, walletId, amount, holdId);
        if (!input.TryGetValue(out var valid, out var rejected))
            return rejected;

        var canonical = new { holdId = valid.holdId, walletId = valid.walletId, currency = valid.ccy.Code, amount = valid.amount.MinorUnits };
        return await pipeline.RunAsync(TemplateNames.HoldPlace, request.Key, canonical, async (transaction, ct) =>
        {
            var wallet = await WalletRules.RequireAsync(transaction, valid.walletId, valid.ccy, "walletId", ct);
            if (!wallet.IsSuccess)
                return wallet.Error;
            if (await transaction.LockHoldAsync(valid.holdId, ct) is not null)
                return new StateConflict($"Hold '{valid.holdId}' already exists; a hold id names one hold.") { Field = "holdId" };
            var call = new TemplateCall(TemplateNames.HoldPlace, new Dictionary<string, TemplateVar>
            {
                ["wallet"] = new TemplateVar.Account(AccountAddresses.WalletMain(valid.walletId)),
                ["hold"] = new TemplateVar.Account(AccountAddresses.WalletHold(valid.walletId, valid.holdId)),
                ["amount"] = new TemplateVar.Monetary(valid.amount),
            });
            return new MovementPlan(call, "hold", valid.holdId, "HoldPlaced")
            {
                StateChanges = [new StateChange.HoldOpened(valid.holdId, valid.walletId, HoldKind.Generic, valid.amount, Money.Zero(valid.ccy))],
                Attributes = new Dictionary<string, string>
                {
                    ["holdId"] = valid.holdId,
                    ["walletId"] = valid.walletId,
                    ["amount"] = valid.amount.FormatAmount(),
                    ["currency"] = valid.ccy.Code,
                },
            };
        }, cancellationToken);
    }
}
