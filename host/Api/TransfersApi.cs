using WalletFlow.Core.Identity;
using WalletFlow.Host.Identity;
using WalletFlow.Api;
using WalletFlow.Core.Transfers;

namespace WalletFlow.Host.Api;

/// <summary>POST /v1/transfers.</summary>
public static class TransfersApi
{
    public static IEndpointRouteBuilder MapTransfersApi(this IEndpointRouteBuilder v1)
    {
        v1.MapMovement<Transfer, TransferBody>("/transfers", (transfer, key, body, _, ct) =>
                transfer.RunAsync(body.ToRequest(key), ct))
            .WithName("CreateTransfer").RequireScope(Scopes.MovementsWrite)
            .WithSummary("Move money wallet to wallet in one currency (optional fee from the paying wallet).");
        return v1;
    }
}
