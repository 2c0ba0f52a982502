using WalletFlow.Api;
using WalletFlow.Core.Banks;
using WalletFlow.Core.Counterparties;
using WalletFlow.Core.Fx;
using WalletFlow.Core.Holds;
using WalletFlow.Core.Migration;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Pools;
using WalletFlow.Core.Reserves;
using WalletFlow.Core.Stablecoins;
using WalletFlow.Core.Transfers;

namespace WalletFlow.Host.Api;

/// <summary>
/// How each money movement's bound body reaches its use case, once: the v1 endpoints
/// (<see cref="MovementEndpoints.MapMovement{TUseCase, TBody}"/>) and the /ops console's forms both call
/// these, so a movement cannot mean one thing over JSON and another in a browser.
/// </summary>
public static class MovementCalls
{
    /// <summary>The route value naming a hold (<c>/holds/{holdId}/settle</c>).</summary>
    public const string HoldId = "holdId";

    public static readonly RunMovement<PayIn, PayInBody> PayIn = (uc, key, b, _, ct) => uc.RunAsync(b.ToRequest(key), ct);
    public static readonly RunMovement<Transfer, TransferBody> Transfer = (uc, key, b, _, ct) => uc.RunAsync(b.ToRequest(key), ct);
    public static readonly RunMovement<PlaceHold, PlaceHoldBody> PlaceHold = (uc, key, b, _, ct) => uc.RunAsync(b.ToRequest(key), ct);
    public static readonly RunMovement<SettleHold, SettleHoldBody> SettleHold = (uc, key, b, route, ct) => uc.RunAsync(b.ToRequest(key, route[HoldId] as string), ct);
    public static readonly RunMovement<ReleaseHold, ReleaseHoldBody> ReleaseHold = (uc, key, _, route, ct) => uc.RunAsync(ReleaseHoldBody.ToRequest(key, route[HoldId] as string), ct);
    public static readonly RunMovement<ConvertFx, FxConversionBody> ConvertFx = (uc, key, b, _, ct) => uc.RunAsync(b.ToRequest(key), ct);
    public static readonly RunMovement<TransferBetweenPools, PoolTransferBody> TransferBetweenPools = (uc, key, b, _, ct) => uc.RunAsync(b.ToRequest(key), ct);
    public static readonly RunMovement<FundPool, PoolFundingBody> FundPool = (uc, key, b, _, ct) => uc.RunAsync(b.ToRequest(key), ct);
    public static readonly RunMovement<MintStablecoin, StablecoinBody> MintStablecoin = (uc, key, b, _, ct) => uc.RunAsync(b.ToMintRequest(key), ct);
    public static readonly RunMovement<BurnStablecoin, StablecoinBody> BurnStablecoin = (uc, key, b, _, ct) => uc.RunAsync(b.ToBurnRequest(key), ct);
    public static readonly RunMovement<SettleCounterparty, CounterpartySettlementBody> SettleCounterparty = (uc, key, b, _, ct) => uc.RunAsync(b.ToRequest(key), ct);
    public static readonly RunMovement<ReleaseReserve, ReserveReleaseBody> ReleaseReserve = (uc, key, b, _, ct) => uc.RunAsync(b.ToRequest(key), ct);
    public static readonly RunMovement<FundBank, BankFundingBody> FundBank = (uc, key, b, _, ct) => uc.RunAsync(b.ToRequest(key), ct);
    public static readonly RunMovement<PostOpeningBalance, OpeningBalanceBody> PostOpeningBalance = (uc, key, b, _, ct) => uc.RunAsync(b.ToRequest(key), ct);
}
