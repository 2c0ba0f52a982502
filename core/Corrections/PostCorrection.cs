using WalletFlow.Core.Accounts;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Corrections;

/// <summary>
/// Correction entry (design.md §6, §7): credit and/or debit a wallet against <c>suspense:corrections</c>,
/// with the reason on the ledger transaction. The credit posts first, so a debit may use it; the
/// ledger refuses a wallet overdraft (an <see cref="InsufficientFunds"/> rejection). Approval
/// (maker/checker) happens before this is called.
/// </summary>
public sealed class PostCorrection(MovementPipeline pipeline)
{
    /// <summary>Posts the correction, or rejects.</summary>
    public async Task<Result<MovementReceipt>> RunAsync(CorrectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input =
            from ccy in MovementInput.Currency(request.Currency, "currency")
            from walletId in MovementInput.Id(request.WalletId, "walletId")
            from credit in OptionalAmount(request.Credit, ccy, "credit")
            from debit in OptionalAmount(request.Debit, ccy, "debit")
            from reason in MovementInput.Text(request.Reason, "reason", 512)
            select (ccy, walletId, credit, debit, reason);
        if (!input.TryGetValue(out var valid, out var rejected))
            return rejected;
        if (valid.credit.IsZero && valid.debit.IsZero)
            return InvalidRequest.For("credit", "A correction credits or debits the wallet: give credit, debit or both, above zero.");

        var canonical = new
        {
            walletId = valid.walletId,
            currency = valid.ccy.Code,
            credit = valid.credit.MinorUnits,
            debit = valid.debit.MinorUnits,
            reason = valid.reason,
        };
        return await pipeline.RunAsync(TemplateNames.Correction, request.Key, canonical, async (transaction, ct) =>
        {
            var wallet = await WalletRules.RequireAsync(transaction, valid.walletId, valid.ccy, "walletId", ct);
            if (!wallet.IsSuccess)
                return wallet.Error;
            var call = new TemplateCall(TemplateNames.Correction, new Dictionary<string, TemplateVar>
            {
                ["wallet"] = new TemplateVar.Account(AccountAddresses.WalletMain(valid.walletId)),
                ["credit"] = new TemplateVar.Monetary(valid.credit),
                ["debit"] = new TemplateVar.Monetary(valid.debit),
                ["reason"] = new TemplateVar.Text(valid.reason),
            });
            return new MovementPlan(call, "wallet", valid.walletId, "CorrectionPosted")
            {
                Attributes = new Dictionary<string, string>
                {
                    ["walletId"] = valid.walletId,
                    ["credit"] = valid.credit.FormatAmount(),
                    ["debit"] = valid.debit.FormatAmount(),
                    ["currency"] = valid.ccy.Code,
                    ["reason"] = valid.reason,
                },
            };
        }, cancellationToken);
    }

    private static Result<Money> OptionalAmount(string? amount, Currency currency, string field)
    {
        if (string.IsNullOrEmpty(amount))
            return Money.Zero(currency);
        var parsed = Money.Parse(amount, currency);
        if (!parsed.IsSuccess)
            return parsed.Error with { Field = field };
        return parsed.Value.IsNegative
            ? new InvalidAmount(amount, "a correction amount cannot be negative; use the other side") { Field = field }
            : parsed;
    }
}
