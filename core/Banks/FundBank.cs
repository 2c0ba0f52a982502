using WalletFlow.Core.Accounts;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;

namespace WalletFlow.Core.Banks;

/// <summary>Bank funding (design.md §6): company capital put into a bank account, against <c>equity:funding</c>. The bank (debit-normal) goes negative.</summary>
public sealed class FundBank(MovementPipeline pipeline)
{
    /// <summary>Funds the bank account, or rejects bad input.</summary>
    public async Task<Result<MovementReceipt>> RunAsync(FundBankRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input =
            from ccy in MovementInput.Currency(request.Currency, "currency")
            from bankId in MovementInput.Id(request.BankId, "bankId")
            from amount in MovementInput.PositiveAmount(request.Amount, ccy, "amount")
            select (ccy, bankId, amount);
        if (!input.TryGetValue(out var valid, out var rejected))
            return rejected;

        var canonical = new { bankId = valid.bankId, currency = valid.ccy.Code, amount = valid.amount.MinorUnits };
        var call = new TemplateCall(TemplateNames.BankFunding, new Dictionary<string, TemplateVar>
        {
            ["bank"] = new TemplateVar.Account(AccountAddresses.Bank(valid.bankId, valid.ccy)),
            ["amount"] = new TemplateVar.Monetary(valid.amount),
        });
        var plan = new MovementPlan(call, "bank", valid.bankId, "BankFunded")
        {
            Attributes = new Dictionary<string, string>
            {
                ["bankId"] = valid.bankId,
                ["amount"] = valid.amount.FormatAmount(),
                ["currency"] = valid.ccy.Code,
            },
        };
        return await pipeline.RunAsync(TemplateNames.BankFunding, request.Key, canonical,
            (_, _) => Task.FromResult<Result<MovementPlan>>(plan), cancellationToken);
    }
}
