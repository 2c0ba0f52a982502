using WalletFlow.Core.Accounts;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Fx;

/// <summary>
/// FX conversion (design.md §2, §6): the sold amount goes from the selling wallet into the position
/// <c>fx:{SELL}-{BUY}</c>; the position pays the bought amount B to the buying wallet, the spread S to
/// <c>revenue:fx-spread</c> and the rounding remainder R to <c>revenue:fx-rounding</c>, together the
/// sale's market value M (formulas on <see cref="FxConversion"/>). Everything is rounded down: the
/// customer never gets more than the exact value, and Down keeps R at 0 or 1 minor unit, never
/// negative, which is what the template can post (a zero R posts nothing). The receipt carries
/// <c>spread</c> and <c>rounding</c> (major units of the bought currency) and <c>roundingResidue</c>:
/// the market value's sub-unit part (exact market value − M) that no posting can carry.
/// </summary>
public sealed class ConvertFx(MovementPipeline pipeline)
{
    /// <summary>Converts, or rejects (insufficient funds in the selling wallet is a rejection from the ledger).</summary>
    public async Task<Result<MovementReceipt>> RunAsync(ConvertFxRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input =
            from sellCcy in MovementInput.Currency(request.SellCurrency, "sellCurrency")
            from buyCcy in MovementInput.Currency(request.BuyCurrency, "buyCurrency")
            from fromId in MovementInput.Id(request.FromWalletId, "fromWalletId")
            from toId in MovementInput.Id(request.ToWalletId, "toWalletId")
            from sell in MovementInput.PositiveAmount(request.SellAmount, sellCcy, "sellAmount")
            from rate in RateText.Parse(request.Rate, "rate")
            from market in request.MarketRate is null ? Result.Success<decimal?>(null) : RateText.Parse(request.MarketRate, "marketRate").Map(r => (decimal?)r)
            select (sellCcy, buyCcy, fromId, toId, sell, rate, market);
        if (!input.TryGetValue(out var valid, out var rejected))
            return rejected;
        if (valid.sellCcy == valid.buyCcy)
            return InvalidRequest.For("buyCurrency", "An FX conversion needs two different currencies.");
        if (valid.fromId == valid.toId)
            return InvalidRequest.For("toWalletId", "An FX conversion needs two different wallets.");
        var customerRate = new FxRate(valid.sellCcy, valid.buyCcy, valid.rate);
        FxRate? marketRate = valid.market is decimal m ? new FxRate(valid.sellCcy, valid.buyCcy, m) : null;
        var converted = FxConversion.Convert(valid.sell, customerRate, FxRounding.Down, marketRate);
        if (!converted.TryGetValue(out var conversion, out rejected))
            return rejected with { Field = rejected is InvalidFxRate ? "rate" : "sellAmount" };

        var canonical = new
        {
            fromWalletId = valid.fromId,
            toWalletId = valid.toId,
            sellCurrency = valid.sellCcy.Code,
            sellAmount = valid.sell.MinorUnits,
            buyCurrency = valid.buyCcy.Code,
            rate = RateText.Format(valid.rate),
            marketRate = valid.market is decimal mr ? RateText.Format(mr) : null,
        };
        return await pipeline.RunAsync(TemplateNames.FxConversion, request.Key, canonical, async (transaction, ct) =>
        {
            var from = await WalletRules.RequireAsync(transaction, valid.fromId, valid.sellCcy, "fromWalletId", ct);
            if (!from.IsSuccess)
                return from.Error;
            var to = await WalletRules.RequireAsync(transaction, valid.toId, valid.buyCcy, "toWalletId", ct);
            if (!to.IsSuccess)
                return to.Error;
            if (from.Value.OwnerId != to.Value.OwnerId)
                return InvalidRequest.For("toWalletId", "An FX conversion moves between two wallets of one owner.");
            var call = new TemplateCall(TemplateNames.FxConversion, new Dictionary<string, TemplateVar>
            {
                ["from"] = new TemplateVar.Account(AccountAddresses.WalletMain(valid.fromId)),
                ["to"] = new TemplateVar.Account(AccountAddresses.WalletMain(valid.toId)),
                ["position"] = new TemplateVar.Account(AccountAddresses.FxPosition(valid.sellCcy, valid.buyCcy)),
                ["sold"] = new TemplateVar.Monetary(conversion.Sold),
                ["bought"] = new TemplateVar.Monetary(conversion.Bought),
                ["spread"] = new TemplateVar.Monetary(conversion.Spread),
                ["rounding"] = new TemplateVar.Monetary(conversion.RoundingRemainder),
                ["rate"] = new TemplateVar.Text(RateText.Format(valid.rate)),
            });
            return new MovementPlan(call, "wallet", valid.fromId, "FxConverted")
            {
                Attributes = new Dictionary<string, string>
                {
                    ["fromWalletId"] = valid.fromId,
                    ["toWalletId"] = valid.toId,
                    ["sellAmount"] = conversion.Sold.FormatAmount(),
                    ["sellCurrency"] = valid.sellCcy.Code,
                    ["buyAmount"] = conversion.Bought.FormatAmount(),
                    ["buyCurrency"] = valid.buyCcy.Code,
                    ["spread"] = conversion.Spread.FormatAmount(),
                    ["rounding"] = conversion.RoundingRemainder.FormatAmount(),
                    ["rate"] = RateText.Format(conversion.CustomerRate.Rate),
                    ["marketRate"] = RateText.Format(conversion.MarketRate.Rate),
                    ["roundingResidue"] = RateText.FormatResidue(conversion.RoundingResidue, valid.buyCcy.Scale),
                },
            };
        }, cancellationToken);
    }
}
