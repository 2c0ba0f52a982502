using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WalletFlow.Api;
using WalletFlow.Core.Ports;
using WalletFlow.Orchestrations.Payouts;

namespace WalletFlow.Functions;

/// <summary>
/// Payouts over HTTP triggers, the same contract as host/Api/PayoutsApi.cs: each trigger binds, then
/// calls <see cref="ApiRunner"/>, the runner host/ calls, and answers its result as is (unwrapped
/// from <c>Results&lt;…&gt;</c>, which only serves host/'s OpenAPI). The saga's client is the [DurableClient]
/// binding. A start answers 202 with the v1 status URL only: the Durable extension's management URLs
/// carry its system key, and whoever holds them can raise events on, or terminate, any instance.
/// </summary>
public sealed class PayoutFunctions(IServiceProvider services, IPayoutStore payouts)
{
    [Function(nameof(StartPayout))]
    public async Task<IResult> StartPayout(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/payouts")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, problem) = await FunctionsHttp.ReadBodyAsync<PayoutBody>(request, ct);
        return body is null
            ? problem!
            : (await ApiRunner.StartPayoutAsync(request.HttpContext, FunctionsHttp.IdempotencyKey(request), body, DurableClientUseCases.StartPayout(services, durable), ct)).Result;
    }

    [Function(nameof(GetPayout))]
    public async Task<IResult> GetPayout(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "v1/payouts/{payoutId}")] HttpRequest request, string payoutId,
        [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        return (await ApiRunner.ReadPayoutAsync(request.HttpContext, payoutId, payouts, async (payout, t) =>
        {
            var instance = await durable.GetInstanceAsync(payoutId, getInputsAndOutputs: true, t);
            return PayoutResponse.From(payout, instance?.RuntimeStatus.ToString(), PayoutSaga.StepOf(instance?.SerializedCustomStatus));
        }, ct)).Result;
    }

    [Function(nameof(GetPayoutHistory))]
    public async Task<IResult> GetPayoutHistory(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "v1/payouts/{payoutId}/history")] HttpRequest request, string payoutId,
        [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        return (await ApiRunner.ReadPayoutAsync(request.HttpContext, payoutId, payouts, async (payout, t) =>
            PayoutHistoryResponse.From(payout, await payouts.TransitionsAsync(payoutId, t), (await durable.GetOrchestrationHistoryAsync(payoutId, t)).ToList()), ct)).Result;
    }

    [Function(nameof(ResolvePayout))]
    public async Task<IResult> ResolvePayout(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/payouts/{payoutId}/resolution")] HttpRequest request, string payoutId,
        [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (FunctionsHttp.SignedInActor(request) is not { } actor)
            return FunctionsHttp.NobodySignedIn(request, "Resolving a payout");
        var (body, problem) = await FunctionsHttp.ReadBodyAsync<PayoutResolutionBody>(request, ct);
        return body is null
            ? problem!
            : (await ApiRunner.ResolvePayoutAsync(request.HttpContext, payoutId, body, actor, DurableClientUseCases.ResolvePayout(services, durable), ct)).Result;
    }

    [Function(nameof(ProviderWebhook))]
    public async Task<IResult> ProviderWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/providers/{providerId}/webhook")] HttpRequest request, string providerId,
        [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await ApiRunner.ReceiveWebhookAsync(request.HttpContext, providerId, DurableClientUseCases.ReceiveProviderWebhook(services, durable), ct)).Result;
    }
}
