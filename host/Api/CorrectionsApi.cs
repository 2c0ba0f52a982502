using Microsoft.AspNetCore.Mvc;
using WalletFlow.Api;
using WalletFlow.Core.Corrections;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Ports;
using WalletFlow.Host.Identity;

namespace WalletFlow.Host.Api;

/// <summary>
/// Corrections (design.md §7): a maker requests (202 + status URL), another principal decides, the
/// workflow posts. The actor is always the authenticated principal, never a body field. Each handler binds
/// and hands over to <see cref="ApiRunner"/>, the runner functions/ calls too.
/// </summary>
public static class CorrectionsApi
{
    public static IEndpointRouteBuilder MapCorrectionsApi(this IEndpointRouteBuilder v1)
    {
        v1.MapPost("/corrections", (
                [FromHeader(Name = ApiHeaders.IdempotencyKeyHeader)] string? idempotencyKey,
                [FromBody] CorrectionBody body, [FromServices] RequestCorrection request, HttpContext context, CancellationToken ct) =>
                ApiRunner.RequestCorrectionAsync(context, idempotencyKey, body, WalletFlowClaims.ActorOf(context.User), request, ct))
            .WithName("RequestCorrection").RequireScope(Scopes.CorrectionsRequest)
            .WithSummary("Ask for a correction (an adjusting entry or a reversal): 202, pending a different principal's approval.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        v1.MapPost("/corrections/{correctionId}/decision", (
                string correctionId, [FromBody] CorrectionDecisionBody body, [FromServices] DecideCorrection decide, HttpContext context, CancellationToken ct) =>
                ApiRunner.DecideCorrectionAsync(context, correctionId, body, WalletFlowClaims.ActorOf(context.User), decide, ct))
            .WithName("DecideCorrection").RequireScope(Scopes.CorrectionsApprove)
            .WithSummary("Approve or reject a pending correction; its maker cannot (403). An approval posts once, in its workflow.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        v1.MapGet("/corrections/{correctionId}", (
                string correctionId, [FromServices] ICorrectionStore corrections, HttpContext context, CancellationToken ct) =>
                ApiRunner.ReadCorrectionAsync(context, correctionId, corrections, ct))
            .WithName("GetCorrection").RequireAnyScope(Scopes.CorrectionsRequest, Scopes.CorrectionsApprove)
            .ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapGet("/corrections", (
                [FromQuery] string? status, [FromServices] ICorrectionStore corrections, HttpContext context, CancellationToken ct) =>
                ApiRunner.ListCorrectionsAsync(context, status, corrections, ct))
            .WithName("ListCorrections").RequireAnyScope(Scopes.CorrectionsRequest, Scopes.CorrectionsApprove)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return v1;
    }
}
