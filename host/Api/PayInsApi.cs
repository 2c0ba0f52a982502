using WalletFlow.Core.Identity;
using WalletFlow.Host.Identity;

namespace WalletFlow.Host.Api;

/// <summary>POST /v1/payins.</summary>
public static class PayInsApi
{
    public static IEndpointRouteBuilder MapPayInsApi(this IEndpointRouteBuilder v1)
    {
        v1.MapMovement("/payins", MovementCalls.PayIn)
            .WithName("CreatePayIn").RequireScope(Scopes.MovementsWrite)
            .WithSummary("Credit a wallet from a bank or a provider pool (fee to revenue, rolling reserve when the owner has a policy).");
        return v1;
    }
}
