using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;

namespace WalletFlow.Core.Stablecoins;

/// <summary>Stablecoin mint (design.md §6): the asset arrives in <c>custody:{network}:{asset}</c> (debit-normal, may go negative) and is credited to the wallet.</summary>
public sealed class MintStablecoin(MovementPipeline pipeline)
{
    /// <summary>Credits the wallet, or rejects.</summary>
    public Task<Result<MovementReceipt>> RunAsync(MintStablecoinRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StablecoinMovement.RunAsync(pipeline, TemplateNames.StablecoinMint, "StablecoinMinted", request.Key,
            request.WalletId, request.Network, request.Amount, request.Currency, request.ExternalRef, cancellationToken);
    }
}
