using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WalletFlow.Core.Cutover;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;

namespace WalletFlow.Api;

/// <summary>
/// The cutover endpoints' request → use case → answer, called by both hosts (like <see cref="ApiRunner"/>):
/// POST /v1/cutovers (the CSV as the body, <c>text/csv</c>) 202; GET /v1/cutovers/{id} 200;
/// POST /v1/cutovers/{id}/rollback 202. A bad file is a 400 listing every bad line.
/// </summary>
public static class CutoverApiRunner
{
    /// <summary>The path parameter that names a cutover (an unknown cutover in the path is a 404).</summary>
    public const string CutoverIdRouteValue = "cutoverId";

    /// <summary>The media type of a legacy balances file.</summary>
    public const string CsvMediaType = CsvUpload.MediaType;

    /// <summary>POST /v1/cutovers: <b>202</b> with <c>Location</c> = the cutover's status URL, or the rejection (400 with every bad line).</summary>
    public static async Task<Results<Accepted<CutoverResponse>, ProblemHttpResult>> StartAsync(
        HttpContext context, string? idempotencyKey, string? actor, StartCutover start, ICutoverStore cutovers, ICutoverWorkflows workflows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(start);
        if (!CsvUpload.IsCsv(context.Request))
            return ApiProblems.Boundary(context, ApiProblems.UnsupportedMediaType, "A cutover file is CSV in UTF-8: send Content-Type: text/csv.");
        if (!IdempotencyKey.Create(idempotencyKey).TryGetValue(out var key, out var rejected))
            return ApiProblems.For(rejected, context);
        if (await CsvUpload.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false) is not { } file)
            return ApiProblems.For(InvalidRequest.For("file", "The file is not valid UTF-8."), context);
        var started = await start.RunAsync(new StartCutoverRequest(key, file, actor), cancellationToken).ConfigureAwait(false);
        if (!started.TryGetValue(out var created, out rejected))
            return ApiProblems.For(rejected, context);
        var response = await ViewAsync(created.Cutover!, cutovers, workflows, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted(response.StatusUrl, response);
    }

    /// <summary>GET /v1/cutovers/{cutoverId}: <b>200</b> with status, step, counts per step, failures and totals, or 404.</summary>
    public static async Task<Results<Ok<CutoverResponse>, ProblemHttpResult>> ReadAsync(
        HttpContext context, string cutoverId, ICutoverStore cutovers, ICutoverWorkflows workflows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cutovers);
        NameCutoverInPath(context, cutoverId);
        var cutover = MovementInput.Id(cutoverId, CutoverIdRouteValue).IsSuccess
            ? await cutovers.FindAsync(cutoverId, cancellationToken).ConfigureAwait(false)
            : null; // not an id: no cutover, and nothing PostgreSQL could be asked about
        if (cutover is null)
            return ApiProblems.For(new Core.Movements.NotFound("cutover", cutoverId) { Field = CutoverIdRouteValue }, context);
        return TypedResults.Ok(await ViewAsync(cutover, cutovers, workflows, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>POST /v1/cutovers/{cutoverId}/rollback: <b>202</b> with the cutover (its rollback workflow runs), or the rejection.</summary>
    public static async Task<Results<Accepted<CutoverResponse>, ProblemHttpResult>> RollbackAsync(
        HttpContext context, string cutoverId, string? actor, RollbackCutover rollback, ICutoverStore cutovers, ICutoverWorkflows workflows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rollback);
        NameCutoverInPath(context, cutoverId);
        var asked = await rollback.RunAsync(cutoverId, actor, cancellationToken).ConfigureAwait(false);
        if (!asked.TryGetValue(out var cutover, out var rejected))
            return ApiProblems.For(rejected, context);
        var response = await ViewAsync(cutover, cutovers, workflows, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted(response.StatusUrl, response);
    }

    private static async Task<CutoverResponse> ViewAsync(CutoverRun cutover, ICutoverStore cutovers, ICutoverWorkflows workflows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cutovers);
        ArgumentNullException.ThrowIfNull(workflows);
        var progress = await cutovers.ProgressAsync(cutover.CutoverId, CutoverResponse.FailuresShown, cancellationToken).ConfigureAwait(false);
        var steps = await cutovers.TransitionsAsync(cutover.CutoverId, cancellationToken).ConfigureAwait(false);
        var forward = await workflows.StatusAsync(cutover.CutoverId, cancellationToken).ConfigureAwait(false);
        var rollback = await workflows.StatusAsync(CutoverActivityNames.RollbackInstance(cutover.CutoverId), cancellationToken).ConfigureAwait(false);
        return CutoverResponse.From(cutover, progress, steps, forward, rollback);
    }

    private static void NameCutoverInPath(HttpContext context, string cutoverId) =>
        context.Request.RouteValues.TryAdd(CutoverIdRouteValue, cutoverId);
}
