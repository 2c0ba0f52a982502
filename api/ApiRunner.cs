using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Api;

/// <summary>
/// The one request → use case → answer runner of v1, called by both hosts (host/ and functions/):
/// each host binds the body and the path (minimal API binding, or the trigger's), then hands over
/// here; this class claims the <c>Idempotency-Key</c>, runs the use case and chooses the answer
/// (201 / 202 / 200 / 204 with the v1 record, or the rejection through <see cref="ApiProblems"/>).
/// Nothing an answer carries is decided in a host.
/// </summary>
public static partial class ApiRunner
{
    /// <summary>The path parameter that names a payout (a payout missing from the path is a 404, not a 422).</summary>
    public const string PayoutIdRouteValue = "payoutId";

    /// <summary>
    /// A money movement: the header's key, then the use case; <b>201</b> with the
    /// <see cref="MovementResponse"/> built from its receipt (a replay answers the same 201 and body) or
    /// the rejection's problem+json.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="idempotencyKey">The <see cref="ApiHeaders.IdempotencyKeyHeader"/> value as sent (null when absent).</param>
    /// <param name="move">The use case, given the valid key (the body is the caller's, already bound).</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    public static async Task<Results<Created<MovementResponse>, ProblemHttpResult>> MoveAsync(
        HttpContext context, string? idempotencyKey, Func<IdempotencyKey, CancellationToken, Task<Result<MovementReceipt>>> move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(move);
        if (!IdempotencyKey.Create(idempotencyKey).TryGetValue(out var key, out var rejected))
            return ApiProblems.For(rejected, context);
        var moved = await move(key, cancellationToken).ConfigureAwait(false);
        return moved.TryGetValue(out var receipt, out rejected)
            ? TypedResults.Created((string?)null, MovementResponse.From(receipt))
            : ApiProblems.For(rejected, context);
    }

    /// <summary>
    /// POST /v1/payouts: <b>202</b> with <c>Location</c> = the payout's v1 status URL and the
    /// <see cref="PayoutResponse"/> (never a runtime's management URLs: those can drive any instance).
    /// </summary>
    public static async Task<Results<Accepted<PayoutResponse>, ProblemHttpResult>> StartPayoutAsync(
        HttpContext context, string? idempotencyKey, PayoutBody body, StartPayout start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(start);
        if (!IdempotencyKey.Create(idempotencyKey).TryGetValue(out var key, out var rejected))
            return ApiProblems.For(rejected, context);
        var started = await start.RunAsync(body.ToRequest(key), cancellationToken).ConfigureAwait(false);
        if (!started.TryGetValue(out var created, out rejected))
            return ApiProblems.For(rejected, context);
        var response = PayoutResponse.From(created.Payout!);
        return TypedResults.Accepted(response.StatusUrl, response);
    }

    /// <summary>POST /v1/payouts/{payoutId}/resolution: <b>202</b> with the payout (its saga settles or releases), or the rejection.</summary>
    /// <param name="context">The request.</param>
    /// <param name="payoutId">The payout of the path.</param>
    /// <param name="body">The bound body.</param>
    /// <param name="actor">Who decides, as the host establishes it.</param>
    /// <param name="resolve">The use case.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    public static async Task<Results<Accepted<PayoutResponse>, ProblemHttpResult>> ResolvePayoutAsync(
        HttpContext context, string payoutId, PayoutResolutionBody body, string? actor, ResolvePayout resolve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(resolve);
        NamePayoutInPath(context, payoutId);
        var resolved = await resolve.RunAsync(payoutId, body.Outcome, body.Evidence, actor, cancellationToken).ConfigureAwait(false);
        if (!resolved.TryGetValue(out var payout, out var rejected))
            return ApiProblems.For(rejected, context);
        var response = PayoutResponse.From(payout);
        return TypedResults.Accepted(response.StatusUrl, response);
    }

    /// <summary>
    /// GET /v1/payouts/{payoutId} and its history: <b>200</b> with what <paramref name="read"/> makes
    /// of the stored payout (each host asks its own durable client for the runtime's part), or 404.
    /// </summary>
    public static async Task<Results<Ok<TResponse>, ProblemHttpResult>> ReadPayoutAsync<TResponse>(
        HttpContext context, string payoutId, IPayoutStore payouts, Func<Payout, CancellationToken, Task<TResponse>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(payouts);
        ArgumentNullException.ThrowIfNull(read);
        NamePayoutInPath(context, payoutId);
        var payout = await payouts.FindAsync(payoutId, cancellationToken).ConfigureAwait(false);
        if (payout is null)
            return ApiProblems.For(new Core.Movements.NotFound("payout", payoutId) { Field = PayoutIdRouteValue }, context);
        return TypedResults.Ok(await read(payout, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// POST /v1/providers/{providerId}/webhook: the raw body and its signature header to the use case
    /// (the signature covers the bytes, so the body is not bound); <b>204</b>, or the rejection.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> ReceiveWebhookAsync(
        HttpContext context, string providerId, ReceiveProviderWebhook webhooks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(webhooks);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var received = await webhooks.RunAsync(providerId, buffer.ToArray(), context.Request.Headers[ApiHeaders.SignatureHeader].FirstOrDefault(), cancellationToken)
            .ConfigureAwait(false);
        return received.IsSuccess ? TypedResults.NoContent() : ApiProblems.For(received.Error, context);
    }

    /// <summary>
    /// Both hosts route the payout id in the path; a trigger called directly (functions/' tests) has no
    /// route values, so the runner names it, and an unknown payout is a 404 in either host.
    /// </summary>
    private static void NamePayoutInPath(HttpContext context, string payoutId) =>
        context.Request.RouteValues.TryAdd(PayoutIdRouteValue, payoutId);
}
