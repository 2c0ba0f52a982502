using WalletFlow.Core.Identity;
using WalletFlow.Host.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Gates;
using WalletFlow.Api;
using WalletFlow.Core.Flags;
using WalletFlow.Core.Gates;
using WalletFlow.Core.Ports;

namespace WalletFlow.Host.Api;

/// <summary>
/// <c>/v1/gates</c> (design.md §8): the latest run and its history with the payouts pause, a run on
/// demand, and the operator's acknowledgement that clears the pause a failed gate set.
/// </summary>
public static class GatesApi
{
    public static IEndpointRouteBuilder MapGatesApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/v1/gates").WithTags("gates");
        api.MapGet("", ListAsync).RequireScope(Scopes.ReportsRead);
        api.MapPost("/run", RunAsync).RequireScope(Scopes.GatesRun);
        // Acknowledging lifts the payouts pause a failed gate set: the actor is whoever is signed in.
        api.MapPost("/acknowledge", AcknowledgeAsync).RequireScope(Scopes.GatesRun);
        return endpoints;
    }

    public sealed record GatesJson(GateRun? Latest, IReadOnlyList<GateRun> History, FeatureFlag PayoutsPaused);

    private static async Task<Ok<GatesJson>> ListAsync(IGateRunStore runs, PayoutPause pause, IOptions<GateOptions> options, CancellationToken ct)
    {
        var history = await runs.ListRecentAsync(options.Value.HistoryLimit, ct);
        return TypedResults.Ok(new GatesJson(history.Count > 0 ? history[0] : null, history, await pause.GetAsync(ct)));
    }

    private static async Task<Ok<GateRun>> RunAsync(GateRunner runner, HttpContext context, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunAsync(WalletFlowClaims.ActorOf(context.User) ?? "api", ct));

    private static async Task<Results<Ok<FeatureFlag>, ProblemHttpResult>> AcknowledgeAsync(GateAcknowledgementBody? request, PayoutPause pause, HttpContext context, CancellationToken ct)
    {
        var acknowledged = await pause.AcknowledgeAsync(WalletFlowClaims.ActorOf(context.User), request?.Reason, ct);
        return acknowledged.TryGetValue(out var flag, out var rejected)
            ? TypedResults.Ok(flag)
            : ApiProblems.For(rejected, context);
    }
}
