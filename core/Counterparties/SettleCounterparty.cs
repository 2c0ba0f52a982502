using WalletFlow.Core.Accounts;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;

namespace WalletFlow.Core.Counterparties;

/// <summary>
/// Counterparty settlement (design.md §6): what we owe the counterparty (its credit balance, from
/// settled holds) is paid out of a bank account. Paying more than is owed leaves a receivable, so the
/// counterparty may go negative; the bank is credited.
/// </summary>
public sealed class SettleCounterparty(MovementPipeline pipeline)
{
    /// <summary>Pays the counterparty, or rejects bad input.</summary>
    public async Task<Result<MovementReceipt>> RunAsync(SettleCounterpartyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input =
            from ccy in MovementInput.Currency(request.Currency, "currency")
            from counterpartyId in MovementInput.Id(request.CounterpartyId, "counterpartyId")
            from bankId in MovementInput.Id(request.BankId, "bankId")
            from amount in MovementInput.PositiveAmount(request.Amount, ccy, "amount")
            select (ccy, counterpartyId, bankId, amount);
        if (!input.TryGetValue(out var valid, out var rejected))
            return rejected;

        var canonical = new { counterpartyId = valid.counterpartyId, bankId = valid.bankId, currency = valid.ccy.Code, amount = valid.amount.MinorUnits };
        var call = new TemplateCall(TemplateNames.CounterpartySettlement, new Dictionary<string, TemplateVar>
        {
            ["counterparty"] = new TemplateVar.Account(AccountAddresses.Counterparty(valid.counterpartyId)),
            ["bank"] = new TemplateVar.Account(AccountAddresses.Bank(valid.bankId, valid.ccy)),
            ["amount"] = new TemplateVar.Monetary(valid.amount),
        });
        var plan = new MovementPlan(call, "counterparty", valid.counterpartyId, "CounterpartySettled")
        {
            Attributes = new Dictionary<string, string>
            {
                ["counterpartyId"] = valid.counterpartyId,
                ["bankId"] = valid.bankId,
                ["amount"] = valid.amount.FormatAmount(),
                ["currency"] = valid.ccy.Code,
            },
        };
        return await pipeline.RunAsync(TemplateNames.CounterpartySettlement, request.Key, canonical,
            (_, _) => Task.FromResult<Result<MovementPlan>>(plan), cancellationToken);
    }
}
