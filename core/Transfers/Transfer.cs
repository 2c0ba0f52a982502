using WalletFlow.Core.Accounts;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Transfers;

/// <summary>Transfer (design.md §6): wallet to wallet in one currency; the fee, if any, from the paying wallet to fee revenue.</summary>
public sealed class Transfer(MovementPipeline pipeline)
{
    /// <summary>Moves the money, or rejects (insufficient funds is a rejection from the ledger).</summary>
    public Task<Result<MovementReceipt>> RunAsync(TransferRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input =
            from ccy in MovementInput.Currency(request.Currency, "currency")
            from fromId in MovementInput.Id(request.FromWalletId, "fromWalletId")
            from toId in MovementInput.Id(request.ToWalletId, "toWalletId")
            from amount in MovementInput.PositiveAmount(request.Amount, ccy, "amount")
            from fee in MovementInput.OptionalFee(request.Fee, ccy, "fee")
            select (ccy, fromId, toId, amount, fee);
        if (!input.TryGetValue(out var valid, out var rejected))
            return Task.FromResult<Result<MovementReceipt>>(rejected);
        if (valid.fromId == valid.toId)
            return Task.FromResult<Result<MovementReceipt>>(InvalidRequest.For("toWalletId", "A transfer needs two different wallets."));

        var canonical = new
        {
            fromWalletId = valid.fromId,
            toWalletId = valid.toId,
            currency = valid.ccy.Code,
            amount = valid.amount.MinorUnits,
            fee = valid.fee.MinorUnits,
        };
        return pipeline.RunAsync(TemplateNames.Transfer, request.Key, canonical, async (transaction, ct) =>
        {
            var from = await WalletRules.RequireAsync(transaction, valid.fromId, valid.ccy, "fromWalletId", ct);
            if (!from.IsSuccess)
                return from.Error;
            var to = await WalletRules.RequireAsync(transaction, valid.toId, valid.ccy, "toWalletId", ct);
            if (!to.IsSuccess)
                return to.Error;
            var call = new TemplateCall(TemplateNames.Transfer, new Dictionary<string, TemplateVar>
            {
                ["from"] = new TemplateVar.Account(AccountAddresses.WalletMain(valid.fromId)),
                ["to"] = new TemplateVar.Account(AccountAddresses.WalletMain(valid.toId)),
                ["amount"] = new TemplateVar.Monetary(valid.amount),
                ["fee"] = new TemplateVar.Monetary(valid.fee),
            });
            return new MovementPlan(call, "wallet", valid.fromId, "TransferCompleted")
            {
                Attributes = new Dictionary<string, string> { ["fromWalletId"] = valid.fromId, ["toWalletId"] = valid.toId },
            };
        }, cancellationToken);
    }
}
