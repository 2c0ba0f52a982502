using WalletFlow.Core.Identity;
using WalletFlow.Host.Identity;
using WalletFlow.Api;
using WalletFlow.Core.Payins;

namespace WalletFlow.Host.Api;

/// <summary>POST /v1/payins.</summary>
public static class PayInsApi
{
    public static IEndpointRouteBuilder MapPayInsApi(this IEndpointRouteBuilder v1)
    {
        v1.MapMovement<PayIn, PayInBody>("/payins", (payIn, key, body, _, ct) =>
                payIn.RunAsync(body.ToRequest(key), ct))
            .WithName("CreatePayIn").RequireScope(Scopes.MovementsWrite)
            .WithSummary("Credit a wallet from a bank or a provider pool (fee to revenue, rolling reserve when the owner has a policy).");
        return v1;
    }
}
