using WalletFlow.Core.Accounts;
using WalletFlow.Core.Fx;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;

namespace WalletFlow.Core.Pools;

/// <summary>
/// GPS cross-currency pool transfer (design.md §6): value leaves the source pool into the position
/// <c>fx:{SELL}-{BUY}</c> and enters the target pool from it, at the provider's rate, rounded down.
/// Pools and the position are debit-normal and may go negative. The rounding residue is not posted;
/// it is returned as the <c>roundingResidue</c> attribute (major units of the bought currency).
/// </summary>
public sealed class TransferBetweenPools(MovementPipeline pipeline)
{
    /// <summary>Moves the value, or rejects bad input.</summary>
    public async Task<Result<MovementReceipt>> RunAsync(PoolTransferRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input =
            from sellCcy in MovementInput.Currency(request.SellCurrency, "sellCurrency")
            from buyCcy in MovementInput.Currency(request.BuyCurrency, "buyCurrency")
            from providerId in MovementInput.Id(request.ProviderId, "providerId")
            from sell in MovementInput.PositiveAmount(request.SellAmount, sellCcy, "sellAmount")
            from rate in RateText.Parse(request.Rate, "rate")
            select (sellCcy, buyCcy, providerId, sell, rate);
        if (!input.TryGetValue(out var valid, out var rejected))
            return rejected;
        if (valid.sellCcy == valid.buyCcy)
            return InvalidRequest.For("buyCurrency", "A pool transfer goes between pools of two different currencies.");
        var converted = FxConversion.Convert(valid.sell, new FxRate(valid.sellCcy, valid.buyCcy, valid.rate), FxRounding.Down);
        if (!converted.TryGetValue(out var conversion, out rejected))
            return rejected with { Field = rejected is InvalidFxRate ? "rate" : "sellAmount" };

        var canonical = new
        {
            providerId = valid.providerId,
            sellCurrency = valid.sellCcy.Code,
            sellAmount = valid.sell.MinorUnits,
            buyCurrency = valid.buyCcy.Code,
            rate = RateText.Format(valid.rate),
        };
        var call = new TemplateCall(TemplateNames.PoolTransfer, new Dictionary<string, TemplateVar>
        {
            ["from_pool"] = new TemplateVar.Account(AccountAddresses.Pool(valid.providerId, valid.sellCcy)),
            ["to_pool"] = new TemplateVar.Account(AccountAddresses.Pool(valid.providerId, valid.buyCcy)),
            ["position"] = new TemplateVar.Account(AccountAddresses.FxPosition(valid.sellCcy, valid.buyCcy)),
            ["sent"] = new TemplateVar.Monetary(conversion.Sold),
            ["received"] = new TemplateVar.Monetary(conversion.Bought),
        });
        var plan = new MovementPlan(call, "pool", valid.providerId, "PoolTransferCompleted")
        {
            Attributes = new Dictionary<string, string>
            {
                ["providerId"] = valid.providerId,
                ["sellAmount"] = conversion.Sold.FormatAmount(),
                ["sellCurrency"] = valid.sellCcy.Code,
                ["buyAmount"] = conversion.Bought.FormatAmount(),
                ["buyCurrency"] = valid.buyCcy.Code,
                ["rate"] = RateText.Format(valid.rate),
                ["roundingResidue"] = RateText.FormatResidue(conversion.RoundingResidue, valid.buyCcy.Scale),
            },
        };
        return await pipeline.RunAsync(TemplateNames.PoolTransfer, request.Key, canonical,
            (_, _) => Task.FromResult<Result<MovementPlan>>(plan), cancellationToken);
    }
}
