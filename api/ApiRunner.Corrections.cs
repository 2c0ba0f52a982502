using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WalletFlow.Core.Corrections;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;

namespace WalletFlow.Api;

/// <summary>Corrections (design.md §7, maker/checker) for both hosts.</summary>
public static partial class ApiRunner
{
    /// <summary>The path parameter that names a correction.</summary>
    public const string CorrectionIdRouteValue = "correctionId";

    /// <summary>The most corrections one list answers.</summary>
    public const int CorrectionListLimit = 200;

    /// <summary>
    /// POST /v1/corrections: <b>202</b> with <c>Location</c> = the correction's status URL and the
    /// correction (PendingApproval; a replay answers the same), or the rejection (nothing written).
    /// </summary>
    public static async Task<Results<Accepted<CorrectionResponse>, ProblemHttpResult>> RequestCorrectionAsync(
        HttpContext context, string? idempotencyKey, CorrectionBody body, string? actor, RequestCorrection request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(request);
        if (!IdempotencyKey.Create(idempotencyKey).TryGetValue(out var key, out var rejected))
            return ApiProblems.For(rejected, context);
        var requested = await request.RunAsync(body.ToRequest(key, actor), cancellationToken).ConfigureAwait(false);
        if (!requested.TryGetValue(out var stored, out rejected))
            return ApiProblems.For(rejected, context);
        var response = CorrectionResponse.From(stored.Correction);
        return TypedResults.Accepted(response.StatusUrl, response);
    }

    /// <summary>
    /// POST /v1/corrections/{correctionId}/decision: <b>202</b> with the correction as decided (an approval
    /// posts in its workflow: follow the status URL), or the rejection (403 for the maker deciding their own).
    /// </summary>
    public static async Task<Results<Accepted<CorrectionResponse>, ProblemHttpResult>> DecideCorrectionAsync(
        HttpContext context, string correctionId, CorrectionDecisionBody body, string? actor, DecideCorrection decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(decide);
        context.Request.RouteValues.TryAdd(CorrectionIdRouteValue, correctionId);
        var decided = await decide.RunAsync(correctionId, body.Decision, body.Comment, actor, cancellationToken).ConfigureAwait(false);
        if (!decided.TryGetValue(out var correction, out var rejected))
            return ApiProblems.For(rejected, context);
        var response = CorrectionResponse.From(correction);
        return TypedResults.Accepted(response.StatusUrl, response);
    }

    /// <summary>GET /v1/corrections/{correctionId}: <b>200</b> with the correction and its transitions, or 404.</summary>
    public static async Task<Results<Ok<CorrectionResponse>, ProblemHttpResult>> ReadCorrectionAsync(
        HttpContext context, string correctionId, ICorrectionStore corrections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(corrections);
        context.Request.RouteValues.TryAdd(CorrectionIdRouteValue, correctionId);
        // A path id that could never name a correction (a NUL, a 5,000-character id) is not found without a lookup.
        var correction = MovementInput.Id(correctionId, CorrectionIdRouteValue).IsSuccess
            ? await corrections.FindAsync(correctionId, cancellationToken).ConfigureAwait(false)
            : null;
        if (correction is null)
            return ApiProblems.For(new Core.Movements.NotFound("correction", correctionId) { Field = CorrectionIdRouteValue }, context);
        return TypedResults.Ok(CorrectionResponse.From(correction, await corrections.TransitionsAsync(correctionId, cancellationToken).ConfigureAwait(false)));
    }

    /// <summary>GET /v1/corrections?status=: <b>200</b> with the newest corrections (at most <see cref="CorrectionListLimit"/>), or 400 for an unknown status.</summary>
    public static async Task<Results<Ok<IReadOnlyList<CorrectionResponse>>, ProblemHttpResult>> ListCorrectionsAsync(
        HttpContext context, string? status, ICorrectionStore corrections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(corrections);
        CorrectionStatus? only = null;
        if (!string.IsNullOrEmpty(status))
        {
            // A status by its exact name only (Enum.TryParse would also take "2" or "Posted, Rejected").
            if (!Enum.GetNames<CorrectionStatus>().Contains(status, StringComparer.Ordinal))
            {
                return ApiProblems.For(InvalidRequest.For("status",
                    $"Expected one of {string.Join(", ", Enum.GetNames<CorrectionStatus>())}."), context);
            }
            only = Enum.Parse<CorrectionStatus>(status);
        }
        var found = await corrections.ListAsync(only, CorrectionListLimit, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<CorrectionResponse>>(found.Select(c => CorrectionResponse.From(c)).ToList());
    }
}
