using WalletFlow.Core.Identity;
using WalletFlow.Host.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using WalletFlow.Api;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;
using WalletFlow.Host.Durable;
using WalletFlow.Orchestrations.Payouts;

namespace WalletFlow.Host.Api;

/// <summary>
/// Payouts (design.md §7, §10): start (202 + status URL), status, history, manual resolution, provider
/// webhooks. Each handler binds and hands over to <see cref="ApiRunner"/>, the runner functions/ calls too.
/// </summary>
public static class PayoutsApi
{
    public static IEndpointRouteBuilder MapPayoutsApi(this IEndpointRouteBuilder v1)
    {
        v1.MapPost("/payouts", (
                [FromHeader(Name = ApiHeaders.IdempotencyKeyHeader)] string? idempotencyKey,
                [FromBody] PayoutBody body, [FromServices] StartPayout start, HttpContext context, CancellationToken ct) =>
                ApiRunner.StartPayoutAsync(context, idempotencyKey, body, start, ct))
            .WithName("StartPayout").RequireScope(Scopes.PayoutsWrite).RequireRateLimiting(WalletFlowIdentity.MovementsRateLimit).WithSummary("Start a payout saga: 202 with its status URL; the same payout id is the same saga.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        v1.MapGet("/payouts/{payoutId}", (
                string payoutId, [FromServices] IPayoutStore payouts, [FromServices] DurableTaskClient durable, HttpContext context, CancellationToken ct) =>
                ApiRunner.ReadPayoutAsync(context, payoutId, payouts, async (payout, t) =>
                {
                    var instance = await durable.GetInstanceAsync(payoutId, getInputsAndOutputs: true, t);
                    return PayoutResponse.From(payout, instance?.RuntimeStatus.ToString(), PayoutSaga.StepOf(instance?.SerializedCustomStatus));
                }, ct))
            .WithName("GetPayout").RequireScope(Scopes.PayoutsWrite).ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapGet("/payouts/{payoutId}/history", (
                string payoutId, [FromServices] IPayoutStore payouts, [FromServices] IDurableBackend durableStore, HttpContext context, CancellationToken ct) =>
                ApiRunner.ReadPayoutAsync(context, payoutId, payouts, async (payout, t) =>
                    PayoutHistoryResponse.From(payout, await payouts.TransitionsAsync(payoutId, t), await durableStore.GetHistoryAsync(payoutId, t)), ct))
            .WithName("GetPayoutHistory").RequireScope(Scopes.PayoutsWrite).ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapPost("/payouts/{payoutId}/resolution", (
                string payoutId, [FromBody] PayoutResolutionBody body, [FromServices] ResolvePayout resolve, HttpContext context, CancellationToken ct) =>
                // The actor is the authenticated principal, never a body field.
                ApiRunner.ResolvePayoutAsync(context, payoutId, body, WalletFlowClaims.ActorOf(context.User), resolve, ct))
            .WithName("ResolvePayout").RequireScope(Scopes.PayoutsResolve).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        v1.MapPost("/providers/{providerId}/webhook", (
                string providerId, [FromServices] ReceiveProviderWebhook webhooks, HttpContext context, CancellationToken ct) =>
                ApiRunner.ReceiveWebhookAsync(context, providerId, webhooks, ct))
            // Anonymous to walletflow's identities: the provider proves itself with the body's signature.
            .AllowAnonymous()
            .WithName("ProviderWebhook").WithSummary("A provider's signed status callback; it wakes the payout's saga, which requeries.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }
}
