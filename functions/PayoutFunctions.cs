using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;
using WalletFlow.Api;
using WalletFlow.Orchestrations.Payouts;

namespace WalletFlow.Functions;

/// <summary>
/// Payouts over HTTP triggers, the same contract as host/Api/PayoutsApi.cs (its records live in api/):
/// each body binds, calls the use case host/ calls, and translates its result. The saga's client is the
/// [DurableClient] binding; the start also answers the Durable check-status URLs.
/// </summary>
public sealed class PayoutFunctions(IServiceProvider services, IPayoutStore payouts)
{
    [Function(nameof(StartPayout))]
    public async Task<IResult> StartPayout(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/payouts")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = IdempotencyKey.Create(request.Headers[ApiHeaders.IdempotencyKeyHeader].FirstOrDefault());
        if (!key.TryGetValue(out var validKey, out var rejected))
            return ApiProblems.For(rejected, request.HttpContext);
        var (body, problem) = await FunctionsHttp.ReadBodyAsync<PayoutBody>(request, ct);
        if (body is null)
            return problem!;
        var started = await DurableClientUseCases.StartPayout(services, durable).RunAsync(new StartPayoutRequest(validKey, body.PayoutId, body.WalletId,
            body.Amount, body.Currency, body.ProviderId, body.Beneficiary?.Name, body.Beneficiary?.AccountNumber, body.Beneficiary?.BankCode, body.Fee), ct);
        if (!started.TryGetValue(out var created, out rejected))
            return ApiProblems.For(rejected, request.HttpContext);
        var payout = PayoutResponse.From(created.Payout!);
        // The saga instance id is the payout id; the SDK builds the management URLs from this request.
        var durablePayload = durable.CreateHttpManagementPayload(payout.PayoutId, new AspNetCoreRequestData(request, context));
        return TypedResults.Accepted(payout.StatusUrl, new StartedPayoutResponse(payout, durablePayload));
    }

    [Function(nameof(GetPayout))]
    public async Task<IResult> GetPayout(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "v1/payouts/{payoutId}")] HttpRequest request, string payoutId,
        [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        var payout = await payouts.FindAsync(payoutId, ct);
        if (payout is null)
            return PayoutNotFound(request, payoutId);
        var instance = await durable.GetInstanceAsync(payoutId, getInputsAndOutputs: true, ct);
        return TypedResults.Ok(PayoutResponse.From(payout, instance?.RuntimeStatus.ToString(), PayoutSaga.StepOf(instance?.SerializedCustomStatus)));
    }

    [Function(nameof(GetPayoutHistory))]
    public async Task<IResult> GetPayoutHistory(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "v1/payouts/{payoutId}/history")] HttpRequest request, string payoutId,
        [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        var payout = await payouts.FindAsync(payoutId, ct);
        if (payout is null)
            return PayoutNotFound(request, payoutId);
        var transitions = await payouts.TransitionsAsync(payoutId, ct);
        var history = await durable.GetOrchestrationHistoryAsync(payoutId, ct);
        return TypedResults.Ok(PayoutHistoryResponse.From(payout, transitions, history.ToList()));
    }

    [Function(nameof(ResolvePayout))]
    public async Task<IResult> ResolvePayout(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/payouts/{payoutId}/resolution")] HttpRequest request, string payoutId,
        [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.RouteValues["payoutId"] = payoutId; // a missing payout in the path is a 404, as in host/
        var (body, problem) = await FunctionsHttp.ReadBodyAsync<PayoutResolutionBody>(request, ct);
        if (body is null)
            return problem!;
        var resolved = await DurableClientUseCases.ResolvePayout(services, durable).RunAsync(payoutId, body.Outcome, body.Evidence, body.Actor, ct);
        if (!resolved.TryGetValue(out var payout, out var rejected))
            return ApiProblems.For(rejected, request.HttpContext);
        var response = PayoutResponse.From(payout);
        return TypedResults.Accepted(response.StatusUrl, response);
    }

    [Function(nameof(ProviderWebhook))]
    public async Task<IResult> ProviderWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/providers/{providerId}/webhook")] HttpRequest request, string providerId,
        [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var received = await DurableClientUseCases.ReceiveProviderWebhook(services, durable)
            .RunAsync(providerId, buffer.ToArray(), request.Headers[ApiHeaders.SignatureHeader].FirstOrDefault(), ct);
        return received.IsSuccess ? TypedResults.NoContent() : ApiProblems.For(received.Error, request.HttpContext);
    }

    private static ProblemHttpResult PayoutNotFound(HttpRequest request, string payoutId)
    {
        request.RouteValues["payoutId"] = payoutId;
        return ApiProblems.For(new WalletFlow.Core.Movements.NotFound("payout", payoutId) { Field = "payoutId" }, request.HttpContext);
    }
}
