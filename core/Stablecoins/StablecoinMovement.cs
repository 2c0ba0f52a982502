using WalletFlow.Core.Accounts;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Stablecoins;

/// <summary>
/// What mint and burn share: the same fields, rules, template vars (<c>$custody</c>, <c>$wallet</c>,
/// <c>$amount</c>) and attributes; only the template (which way the asset moves) and the event differ.
/// </summary>
internal static class StablecoinMovement
{
    public static async Task<Result<MovementReceipt>> RunAsync(
        MovementPipeline pipeline, string template, string eventType, IdempotencyKey key,
        string? walletId, string? network, string? amount, string? currency, string? externalRef,
        CancellationToken cancellationToken)
    {
        var input =
            from asset in StablecoinInput.Asset(currency, "currency")
            from wallet in MovementInput.Id(walletId, "walletId")
            from chain in MovementInput.Id(network, "network")
            from money in MovementInput.PositiveAmount(amount, asset, "amount")
            from reference in StablecoinInput.OptionalReference(externalRef, "externalRef")
            select (asset, walletId: wallet, network: chain, amount: money, externalRef: reference);
        if (!input.TryGetValue(out var valid, out var rejected))
            return rejected;

        var canonical = new
        {
            walletId = valid.walletId,
            network = valid.network,
            currency = valid.asset.Code,
            amount = valid.amount.MinorUnits,
            externalRef = valid.externalRef,
        };
        return await pipeline.RunAsync(template, key, canonical, async (transaction, ct) =>
        {
            var wallet = await WalletRules.RequireAsync(transaction, valid.walletId, valid.asset, "walletId", ct);
            if (!wallet.IsSuccess)
                return wallet.Error;
            var call = new TemplateCall(template, new Dictionary<string, TemplateVar>
            {
                ["custody"] = new TemplateVar.Account(AccountAddresses.Custody(valid.network, valid.asset)),
                ["wallet"] = new TemplateVar.Account(AccountAddresses.WalletMain(valid.walletId)),
                ["amount"] = new TemplateVar.Monetary(valid.amount),
            });
            var attributes = new Dictionary<string, string>
            {
                ["walletId"] = valid.walletId,
                ["network"] = valid.network,
                ["amount"] = valid.amount.FormatAmount(),
                ["currency"] = valid.asset.Code,
            };
            if (valid.externalRef.Length > 0)
                attributes["externalRef"] = valid.externalRef;
            return new MovementPlan(call, "wallet", valid.walletId, eventType) { Attributes = attributes };
        }, cancellationToken);
    }
}
