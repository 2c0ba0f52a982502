using WalletFlow.Core.Identity;
using WalletFlow.Host.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using WalletFlow.Api;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;
using WalletFlow.Host.Durable;
using WalletFlow.Orchestrations.Payouts;

namespace WalletFlow.Host.Api;

/// <summary>Payouts (design.md §7, §10): start (202 + status URL), status, history, manual resolution, provider webhooks.</summary>
public static class PayoutsApi
{
    public static IEndpointRouteBuilder MapPayoutsApi(this IEndpointRouteBuilder v1)
    {
        v1.MapPost("/payouts", async Task<Results<Accepted<PayoutResponse>, ProblemHttpResult>> (
                [FromHeader(Name = ApiHeaders.IdempotencyKeyHeader)] string? idempotencyKey,
                [FromBody] PayoutBody body, [FromServices] StartPayout start, HttpContext context, CancellationToken ct) =>
            {
                var key = IdempotencyKey.Create(idempotencyKey);
                if (!key.TryGetValue(out var validKey, out var rejected))
                    return ApiProblems.For(rejected, context);
                var started = await start.RunAsync(new StartPayoutRequest(validKey, body.PayoutId, body.WalletId, body.Amount, body.Currency,
                    body.ProviderId, body.Beneficiary?.Name, body.Beneficiary?.AccountNumber, body.Beneficiary?.BankCode, body.Fee), ct);
                if (!started.TryGetValue(out var created, out rejected))
                    return ApiProblems.For(rejected, context);
                var response = PayoutResponse.From(created.Payout!);
                return TypedResults.Accepted(response.StatusUrl, response);
            })
            .WithName("StartPayout").RequireScope(Scopes.PayoutsWrite).RequireRateLimiting(WalletFlowIdentity.MovementsRateLimit).WithSummary("Start a payout saga: 202 with its status URL; the same payout id is the same saga.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        v1.MapGet("/payouts/{payoutId}", async Task<Results<Ok<PayoutResponse>, ProblemHttpResult>> (
                string payoutId, [FromServices] IPayoutStore payouts, [FromServices] DurableTaskClient durable, HttpContext context, CancellationToken ct) =>
            {
                var payout = await payouts.FindAsync(payoutId, ct);
                if (payout is null)
                    return ApiProblems.For(new WalletFlow.Core.Movements.NotFound("payout", payoutId) { Field = "payoutId" }, context);
                var instance = await durable.GetInstanceAsync(payoutId, getInputsAndOutputs: true, ct);
                return TypedResults.Ok(PayoutResponse.From(payout, instance?.RuntimeStatus.ToString(), PayoutSaga.StepOf(instance?.SerializedCustomStatus)));
            })
            .WithName("GetPayout").RequireScope(Scopes.PayoutsWrite).ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapGet("/payouts/{payoutId}/history", async Task<Results<Ok<PayoutHistoryResponse>, ProblemHttpResult>> (
                string payoutId, [FromServices] IPayoutStore payouts, [FromServices] IDurableBackend durableStore, HttpContext context, CancellationToken ct) =>
            {
                var payout = await payouts.FindAsync(payoutId, ct);
                if (payout is null)
                    return ApiProblems.For(new WalletFlow.Core.Movements.NotFound("payout", payoutId) { Field = "payoutId" }, context);
                var transitions = await payouts.TransitionsAsync(payoutId, ct);
                var history = await durableStore.GetHistoryAsync(payoutId, ct);
                return TypedResults.Ok(PayoutHistoryResponse.From(payout, transitions, history));
            })
            .WithName("GetPayoutHistory").RequireScope(Scopes.PayoutsWrite).ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapPost("/payouts/{payoutId}/resolution", async Task<Results<Accepted<PayoutResponse>, ProblemHttpResult>> (
                string payoutId, [FromBody] PayoutResolutionBody body, [FromServices] ResolvePayout resolve, HttpContext context, CancellationToken ct) =>
            {
                // The actor is the authenticated principal, never a body field.
                var resolved = await resolve.RunAsync(payoutId, body.Outcome, body.Evidence, WalletFlowClaims.ActorOf(context.User), ct);
                if (!resolved.TryGetValue(out var payout, out var rejected))
                    return ApiProblems.For(rejected, context);
                var response = PayoutResponse.From(payout);
                return TypedResults.Accepted(response.StatusUrl, response);
            })
            .WithName("ResolvePayout").RequireScope(Scopes.PayoutsResolve).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        v1.MapPost("/providers/{providerId}/webhook", async Task<Results<NoContent, ProblemHttpResult>> (
                string providerId, [FromServices] ReceiveProviderWebhook webhooks, HttpContext context, CancellationToken ct) =>
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer, ct);
                var received = await webhooks.RunAsync(providerId, buffer.ToArray(), context.Request.Headers[ApiHeaders.SignatureHeader].FirstOrDefault(), ct);
                return received.IsSuccess ? TypedResults.NoContent() : ApiProblems.For(received.Error, context);
            })
            // Anonymous to walletflow's identities: the provider proves itself with the body's signature.
            .AllowAnonymous()
            .WithName("ProviderWebhook").WithSummary("A provider's signed status callback; it wakes the payout's saga, which requeries.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }
}
