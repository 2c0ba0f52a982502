using WalletFlow.Core.Identity;
using WalletFlow.Host.Identity;

namespace WalletFlow.Host.Api;

/// <summary>The money movements of design.md §10 beyond pay-ins and transfers: one <c>MapMovement</c> each, binding a body of api/ to its use case (<see cref="MovementCalls"/>).</summary>
public static class MovementsApi
{
    public static IEndpointRouteBuilder MapMovementsApi(this IEndpointRouteBuilder v1)
    {
        v1.MapMovement("/holds", MovementCalls.PlaceHold).WithName("PlaceHold").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement("/holds/{holdId}/settle", MovementCalls.SettleHold).WithName("SettleHold").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement("/holds/{holdId}/release", MovementCalls.ReleaseHold).WithName("ReleaseHold").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement("/fx/conversions", MovementCalls.ConvertFx).WithName("ConvertFx").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement("/pools/transfers", MovementCalls.TransferBetweenPools).WithName("TransferBetweenPools").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement("/pools/fundings", MovementCalls.FundPool).WithName("FundPool").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement("/stablecoin/mints", MovementCalls.MintStablecoin).WithName("MintStablecoin").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement("/stablecoin/burns", MovementCalls.BurnStablecoin).WithName("BurnStablecoin").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement("/counterparties/settlements", MovementCalls.SettleCounterparty).WithName("SettleCounterparty").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement("/reserves/release", MovementCalls.ReleaseReserve).WithName("ReleaseReserve").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement("/banks/fundings", MovementCalls.FundBank).WithName("FundBank").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement("/migration/opening-balances", MovementCalls.PostOpeningBalance).WithName("PostOpeningBalance").RequireScope(Scopes.CutoverRun);
        return v1;
    }
}
