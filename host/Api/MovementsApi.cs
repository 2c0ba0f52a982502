using WalletFlow.Core.Identity;
using WalletFlow.Host.Identity;
using WalletFlow.Api;
using WalletFlow.Core.Banks;
using WalletFlow.Core.Counterparties;
using WalletFlow.Core.Fx;
using WalletFlow.Core.Holds;
using WalletFlow.Core.Migration;
using WalletFlow.Core.Pools;
using WalletFlow.Core.Reserves;
using WalletFlow.Core.Stablecoins;

namespace WalletFlow.Host.Api;

/// <summary>The money movements of design.md §10 beyond pay-ins and transfers: one <c>MapMovement</c> each, binding a body of api/ to its use case.</summary>
public static class MovementsApi
{
    public static IEndpointRouteBuilder MapMovementsApi(this IEndpointRouteBuilder v1)
    {
        v1.MapMovement<PlaceHold, PlaceHoldBody>("/holds", (uc, key, b, _, ct) =>
            uc.RunAsync(b.ToRequest(key), ct)).WithName("PlaceHold").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<SettleHold, SettleHoldBody>("/holds/{holdId}/settle", (uc, key, b, route, ct) =>
            uc.RunAsync(b.ToRequest(key, route["holdId"] as string), ct)).WithName("SettleHold").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<ReleaseHold, ReleaseHoldBody>("/holds/{holdId}/release", (uc, key, _, route, ct) =>
            uc.RunAsync(ReleaseHoldBody.ToRequest(key, route["holdId"] as string), ct)).WithName("ReleaseHold").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<ConvertFx, FxConversionBody>("/fx/conversions", (uc, key, b, _, ct) =>
            uc.RunAsync(b.ToRequest(key), ct)).WithName("ConvertFx").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<TransferBetweenPools, PoolTransferBody>("/pools/transfers", (uc, key, b, _, ct) =>
            uc.RunAsync(b.ToRequest(key), ct)).WithName("TransferBetweenPools").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<FundPool, PoolFundingBody>("/pools/fundings", (uc, key, b, _, ct) =>
            uc.RunAsync(b.ToRequest(key), ct)).WithName("FundPool").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<MintStablecoin, StablecoinBody>("/stablecoin/mints", (uc, key, b, _, ct) =>
            uc.RunAsync(b.ToMintRequest(key), ct)).WithName("MintStablecoin").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<BurnStablecoin, StablecoinBody>("/stablecoin/burns", (uc, key, b, _, ct) =>
            uc.RunAsync(b.ToBurnRequest(key), ct)).WithName("BurnStablecoin").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<SettleCounterparty, CounterpartySettlementBody>("/counterparties/settlements", (uc, key, b, _, ct) =>
            uc.RunAsync(b.ToRequest(key), ct)).WithName("SettleCounterparty").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<ReleaseReserve, ReserveReleaseBody>("/reserves/release", (uc, key, b, _, ct) =>
            uc.RunAsync(b.ToRequest(key), ct)).WithName("ReleaseReserve").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<FundBank, BankFundingBody>("/banks/fundings", (uc, key, b, _, ct) =>
            uc.RunAsync(b.ToRequest(key), ct)).WithName("FundBank").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<PostOpeningBalance, OpeningBalanceBody>("/migration/opening-balances", (uc, key, b, _, ct) =>
            uc.RunAsync(b.ToRequest(key), ct)).WithName("PostOpeningBalance").RequireScope(Scopes.CutoverRun);
        return v1;
    }
}
