using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Activities.Corrections;
using WalletFlow.Api;
using WalletFlow.Core.Corrections;
using WalletFlow.Core.Ports;
using WalletFlow.Orchestrations.Corrections;

namespace WalletFlow.Functions;

/// <summary>
/// Corrections over HTTP triggers, the same contract as host/Api/CorrectionsApi.cs (each trigger binds, then
/// calls <see cref="ApiRunner"/>), and the shared correction workflow and its activity as orchestration and
/// activity triggers. The maker and the checker are the signed-in principal (App Service Authentication):
/// without one, a request or a decision is 401.
/// </summary>
public sealed class CorrectionFunctions(IServiceProvider services, ICorrectionStore corrections)
{
    [Function(nameof(RequestCorrection))]
    public async Task<IResult> RequestCorrection(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/corrections")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (FunctionsHttp.SignedInActor(request) is not { } actor)
            return FunctionsHttp.NobodySignedIn(request, "Requesting a correction");
        var (body, problem) = await FunctionsHttp.ReadBodyAsync<CorrectionBody>(request, ct);
        return body is null
            ? problem!
            : (await ApiRunner.RequestCorrectionAsync(request.HttpContext, FunctionsHttp.IdempotencyKey(request), body, actor,
                DurableClientUseCases.WithCorrectionWorkflows<Core.Corrections.RequestCorrection>(services, durable), ct)).Result;
    }

    [Function(nameof(DecideCorrection))]
    public async Task<IResult> DecideCorrection(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/corrections/{correctionId}/decision")] HttpRequest request, string correctionId,
        [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (FunctionsHttp.SignedInActor(request) is not { } actor)
            return FunctionsHttp.NobodySignedIn(request, "Deciding a correction");
        var (body, problem) = await FunctionsHttp.ReadBodyAsync<CorrectionDecisionBody>(request, ct);
        return body is null
            ? problem!
            : (await ApiRunner.DecideCorrectionAsync(request.HttpContext, correctionId, body, actor,
                DurableClientUseCases.WithCorrectionWorkflows<Core.Corrections.DecideCorrection>(services, durable), ct)).Result;
    }

    [Function(nameof(GetCorrection))]
    public async Task<IResult> GetCorrection(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "v1/corrections/{correctionId}")] HttpRequest request, string correctionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await ApiRunner.ReadCorrectionAsync(request.HttpContext, correctionId, corrections, ct)).Result;
    }

    [Function(nameof(ListCorrections))]
    public async Task<IResult> ListCorrections(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "v1/corrections")] HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await ApiRunner.ListCorrectionsAsync(request.HttpContext, request.Query["status"].FirstOrDefault(), corrections, ct)).Result;
    }

    [Function(CorrectionNames.Workflow)]
    public static Task<CorrectionStatus> CorrectionWorkflow([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new CorrectionWorkflow().RunAsync(context, context.GetInput<CorrectionWorkflowInput>()!);
    }

    [Function(CorrectionNames.Conclude)]
    public Task<CorrectionConclusion> ConcludeCorrection([ActivityTrigger] ConcludeCorrectionInput input, FunctionContext function) =>
        ActivatorUtilities.CreateInstance<ConcludeCorrectionActivity>(services)
            .RunAsync(new FunctionsActivityContext(CorrectionNames.Conclude, function?.InvocationId ?? ""), input);
}
