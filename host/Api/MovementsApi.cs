using WalletFlow.Core.Identity;
using WalletFlow.Host.Identity;
using WalletFlow.Core.Banks;
using WalletFlow.Core.Corrections;
using WalletFlow.Core.Counterparties;
using WalletFlow.Core.Fx;
using WalletFlow.Core.Holds;
using WalletFlow.Core.Migration;
using WalletFlow.Core.Pools;
using WalletFlow.Core.Reserves;
using WalletFlow.Core.Stablecoins;

namespace WalletFlow.Host.Api;

/// <summary>The money movements of design.md §10 beyond pay-ins and transfers: one <c>MapMovement</c> each.</summary>
public static class MovementsApi
{
    public static IEndpointRouteBuilder MapMovementsApi(this IEndpointRouteBuilder v1)
    {
        v1.MapMovement<PlaceHold, PlaceHoldBody>("/holds", (uc, key, b, _, ct) =>
            uc.RunAsync(new PlaceHoldRequest(key, b.WalletId, b.Amount, b.Currency, b.HoldId), ct)).WithName("PlaceHold").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<SettleHold, SettleHoldBody>("/holds/{holdId}/settle", (uc, key, b, route, ct) =>
            uc.RunAsync(new SettleHoldRequest(key, route["holdId"] as string, b.CounterpartyId, b.Amount), ct)).WithName("SettleHold").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<ReleaseHold, ReleaseHoldBody>("/holds/{holdId}/release", (uc, key, _, route, ct) =>
            uc.RunAsync(new ReleaseHoldRequest(key, route["holdId"] as string), ct)).WithName("ReleaseHold").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<ConvertFx, FxConversionBody>("/fx/conversions", (uc, key, b, _, ct) =>
            uc.RunAsync(new ConvertFxRequest(key, b.FromWalletId, b.ToWalletId, b.SellAmount, b.SellCurrency, b.BuyCurrency, b.Rate, b.MarketRate), ct)).WithName("ConvertFx").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<TransferBetweenPools, PoolTransferBody>("/pools/transfers", (uc, key, b, _, ct) =>
            uc.RunAsync(new PoolTransferRequest(key, b.ProviderId, b.SellAmount, b.SellCurrency, b.BuyCurrency, b.Rate), ct)).WithName("TransferBetweenPools").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<FundPool, PoolFundingBody>("/pools/fundings", (uc, key, b, _, ct) =>
            uc.RunAsync(new FundPoolRequest(key, b.ProviderId, b.BankId, b.Amount, b.Currency), ct)).WithName("FundPool").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<MintStablecoin, StablecoinBody>("/stablecoin/mints", (uc, key, b, _, ct) =>
            uc.RunAsync(new MintStablecoinRequest(key, b.WalletId, b.Network, b.Amount, b.Currency, b.ExternalRef), ct)).WithName("MintStablecoin").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<BurnStablecoin, StablecoinBody>("/stablecoin/burns", (uc, key, b, _, ct) =>
            uc.RunAsync(new BurnStablecoinRequest(key, b.WalletId, b.Network, b.Amount, b.Currency, b.ExternalRef), ct)).WithName("BurnStablecoin").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<SettleCounterparty, CounterpartySettlementBody>("/counterparties/settlements", (uc, key, b, _, ct) =>
            uc.RunAsync(new SettleCounterpartyRequest(key, b.CounterpartyId, b.BankId, b.Amount, b.Currency), ct)).WithName("SettleCounterparty").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<ReleaseReserve, ReserveReleaseBody>("/reserves/release", (uc, key, b, _, ct) =>
            uc.RunAsync(new ReleaseReserveRequest(key, b.WalletId), ct)).WithName("ReleaseReserve").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<FundBank, BankFundingBody>("/banks/fundings", (uc, key, b, _, ct) =>
            uc.RunAsync(new FundBankRequest(key, b.BankId, b.Amount, b.Currency), ct)).WithName("FundBank").RequireScope(Scopes.MovementsWrite);
        v1.MapMovement<PostCorrection, CorrectionBody>("/corrections", (uc, key, b, _, ct) =>
            uc.RunAsync(new CorrectionRequest(key, b.WalletId, b.Currency, b.Credit, b.Debit, b.Reason), ct)).WithName("PostCorrection").RequireScope(Scopes.CorrectionsRequest, Scopes.CorrectionsApprove);
        v1.MapMovement<PostOpeningBalance, OpeningBalanceBody>("/migration/opening-balances", (uc, key, b, _, ct) =>
            uc.RunAsync(new OpeningBalanceRequest(key, b.WalletId, b.Amount, b.Currency, b.LegacyRef), ct)).WithName("PostOpeningBalance").RequireScope(Scopes.CutoverRun);
        return v1;
    }
}
