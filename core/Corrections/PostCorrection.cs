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
/// ledger refuses a wallet overdraft (an <see cref="InsufficientFunds"/> rejection). Its one caller is
/// the correction workflow, once a checker approved (<see cref="ConcludeCorrection"/>).
/// </summary>
public sealed class PostCorrection(MovementPipeline pipeline)
{
    /// <summary>Posts the correction, or rejects.</summary>
    public async Task<Result<MovementReceipt>> RunAsync(CorrectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Validate(request.WalletId, request.Currency, request.Credit, request.Debit, request.Reason).TryGetValue(out var valid, out var rejected))
            return rejected;

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

    /// <summary>An adjusting entry's fields, checked once for the request and for the posting.</summary>
    public static Result<(Currency ccy, string walletId, Money credit, Money debit, string reason)> Validate(
        string? walletId, string? currency, string? credit, string? debit, string? reason)
    {
        var input =
            from ccy in MovementInput.Currency(currency, "currency")
            from wallet in MovementInput.Id(walletId, "walletId")
            from creditAmount in OptionalAmount(credit, ccy, "credit")
            from debitAmount in OptionalAmount(debit, ccy, "debit")
            from why in MovementInput.Text(reason, "reason", 512)
            select (ccy, wallet, creditAmount, debitAmount, why);
        if (!input.TryGetValue(out var valid, out var rejected))
            return rejected;
        return valid.creditAmount.IsZero && valid.debitAmount.IsZero
            ? InvalidRequest.For("credit", "A correction credits or debits the wallet: give credit, debit or both, above zero.")
            : valid;
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
