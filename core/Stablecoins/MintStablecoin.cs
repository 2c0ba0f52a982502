using WalletFlow.Core.Accounts;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Stablecoins;

/// <summary>Stablecoin mint (design.md §6): the asset arrives in <c>custody:{network}:{asset}</c> (debit-normal, may go negative) and is credited to the wallet.</summary>
public sealed class MintStablecoin(MovementPipeline pipeline)
{
    /// <summary>Credits the wallet, or rejects.</summary>
    public async Task<Result<MovementReceipt>> RunAsync(MintStablecoinRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input =
            from asset in StablecoinInput.Asset(request.Currency, "currency")
            from walletId in MovementInput.Id(request.WalletId, "walletId")
            from network in MovementInput.Id(request.Network, "network")
            from amount in MovementInput.PositiveAmount(request.Amount, asset, "amount")
            from externalRef in StablecoinInput.OptionalReference(request.ExternalRef, "externalRef")
            select (asset, walletId, network, amount, externalRef);
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
        return await pipeline.RunAsync(TemplateNames.StablecoinMint, request.Key, canonical, async (transaction, ct) =>
        {
            var wallet = await WalletRules.RequireAsync(transaction, valid.walletId, valid.asset, "walletId", ct);
            if (!wallet.IsSuccess)
                return wallet.Error;
            var call = new TemplateCall(TemplateNames.StablecoinMint, new Dictionary<string, TemplateVar>
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
            return new MovementPlan(call, "wallet", valid.walletId, "StablecoinMinted") { Attributes = attributes };
        }, cancellationToken);
    }
}
