using WalletFlow.Core.Accounts;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;

namespace WalletFlow.Core.Pools;

/// <summary>
/// GPS pool funding (design.md §6): cash moves from a bank account into a provider pool. Both are
/// debit-normal assets: the pool is debited and the bank credited; no customer balance changes.
/// </summary>
public sealed class FundPool(MovementPipeline pipeline)
{
    /// <summary>Funds the pool, or rejects bad input.</summary>
    public async Task<Result<MovementReceipt>> RunAsync(FundPoolRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input =
            from ccy in MovementInput.Currency(request.Currency, "currency")
            from providerId in MovementInput.Id(request.ProviderId, "providerId")
            from bankId in MovementInput.Id(request.BankId, "bankId")
            from amount in MovementInput.PositiveAmount(request.Amount, ccy, "amount")
            select (ccy, providerId, bankId, amount);
        if (!input.TryGetValue(out var valid, out var rejected))
            return rejected;

        var canonical = new { providerId = valid.providerId, bankId = valid.bankId, currency = valid.ccy.Code, amount = valid.amount.MinorUnits };
        var call = new TemplateCall(TemplateNames.PoolFunding, new Dictionary<string, TemplateVar>
        {
            ["pool"] = new TemplateVar.Account(AccountAddresses.Pool(valid.providerId, valid.ccy)),
            ["bank"] = new TemplateVar.Account(AccountAddresses.Bank(valid.bankId, valid.ccy)),
            ["amount"] = new TemplateVar.Monetary(valid.amount),
        });
        var plan = new MovementPlan(call, "pool", valid.providerId, "PoolFunded")
        {
            Attributes = new Dictionary<string, string>
            {
                ["providerId"] = valid.providerId,
                ["bankId"] = valid.bankId,
                ["amount"] = valid.amount.FormatAmount(),
                ["currency"] = valid.ccy.Code,
            },
        };
        return await pipeline.RunAsync(TemplateNames.PoolFunding, request.Key, canonical,
            (_, _) => Task.FromResult<Result<MovementPlan>>(plan), cancellationToken);
    }
}
