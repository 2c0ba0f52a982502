using WalletFlow.Core.Identity;
using WalletFlow.Host.Identity;

namespace WalletFlow.Host.Api;

/// <summary>POST /v1/transfers.</summary>
public static class TransfersApi
{
    public static IEndpointRouteBuilder MapTransfersApi(this IEndpointRouteBuilder v1)
    {
        v1.MapMovement("/transfers", MovementCalls.Transfer)
            .WithName("CreateTransfer").RequireScope(Scopes.MovementsWrite)
            .WithSummary("Move money wallet to wallet in one currency (optional fee from the paying wallet).");
        return v1;
    }
}
