using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;

namespace WalletFlow.Core.Stablecoins;

/// <summary>Stablecoin burn (design.md §6): the asset is debited from the wallet and leaves custody. The ledger refuses a wallet overdraft: burning more than the wallet has is an <see cref="Ports.InsufficientFunds"/> rejection.</summary>
public sealed class BurnStablecoin(MovementPipeline pipeline)
{
    /// <summary>Debits the wallet, or rejects (insufficient funds is a rejection from the ledger).</summary>
    public Task<Result<MovementReceipt>> RunAsync(BurnStablecoinRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StablecoinMovement.RunAsync(pipeline, TemplateNames.StablecoinBurn, "StablecoinBurned", request.Key,
            request.WalletId, request.Network, request.Amount, request.Currency, request.ExternalRef, cancellationToken);
    }
}
