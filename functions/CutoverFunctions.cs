using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Adapters.Durable;
using WalletFlow.Api;
using WalletFlow.Core.Cutover;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Ports;

namespace WalletFlow.Functions;

/// <summary>
/// Cutover over HTTP triggers, the same contract as host/Api/CutoversApi.cs: each trigger binds, then calls
/// <see cref="CutoverApiRunner"/>, the runner host/ calls. The workflows' client is the [DurableClient]
/// binding. The actor of an upload or a rollback is the principal App Service Authentication signed in
/// (a function key identifies no one): without one the request is 401 and nothing starts.
/// </summary>
public sealed class CutoverFunctions(IServiceProvider services, ICutoverStore cutovers)
{
    /// <summary>The signed-in user's name as App Service Authentication (Easy Auth) passes it on (and strips from clients).</summary>
    private const string SignedInPrincipalHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    [Function(nameof(StartCutover))]
    public async Task<IResult> StartCutover(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/cutovers")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Actor(request) is not { } actor)
            return ApiProblems.For(new Unauthenticated("Starting a cutover needs a signed-in principal: turn on App Service Authentication for this app."), request.HttpContext);
        var workflows = new DurableTaskCutoverWorkflows(durable);
        return (await CutoverApiRunner.StartAsync(request.HttpContext, FunctionsHttp.IdempotencyKey(request), actor,
            ActivatorUtilities.CreateInstance<StartCutover>(services, workflows), cutovers, workflows, ct)).Result;
    }

    [Function(nameof(GetCutover))]
    public async Task<IResult> GetCutover(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "v1/cutovers/{cutoverId}")] HttpRequest request, string cutoverId,
        [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await CutoverApiRunner.ReadAsync(request.HttpContext, cutoverId, cutovers, new DurableTaskCutoverWorkflows(durable), ct)).Result;
    }

    [Function(nameof(RollbackCutover))]
    public async Task<IResult> RollbackCutover(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/cutovers/{cutoverId}/rollback")] HttpRequest request, string cutoverId,
        [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Actor(request) is not { } actor)
            return ApiProblems.For(new Unauthenticated("Rolling back a cutover needs a signed-in principal: turn on App Service Authentication for this app."), request.HttpContext);
        var workflows = new DurableTaskCutoverWorkflows(durable);
        return (await CutoverApiRunner.RollbackAsync(request.HttpContext, cutoverId, actor,
            ActivatorUtilities.CreateInstance<RollbackCutover>(services, workflows), cutovers, workflows, ct)).Result;
    }

    private static string? Actor(HttpRequest request) =>
        request.Headers[SignedInPrincipalHeader].ToString() is { Length: > 0 } name && !string.IsNullOrWhiteSpace(name) ? "principal:" + name : null;
}
