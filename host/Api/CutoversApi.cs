using Microsoft.AspNetCore.Mvc;
using WalletFlow.Api;
using WalletFlow.Core.Cutover;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Ports;
using WalletFlow.Host.Identity;

namespace WalletFlow.Host.Api;

/// <summary>
/// Cutover from the legacy system (design.md §7, issue 18): upload the balances file (202 + status URL),
/// follow it, roll it back. Each handler binds and hands over to <see cref="CutoverApiRunner"/>, the
/// runner functions/ calls too. The actor is the authenticated principal, never a body field.
/// </summary>
public static class CutoversApi
{
    /// <summary>Where a balances file is uploaded (the v1 boundary buffers a text/csv body here instead of refusing it).</summary>
    public const string UploadPath = V1Api.Prefix + "/cutovers";

    public static IEndpointRouteBuilder MapCutoversApi(this IEndpointRouteBuilder v1)
    {
        v1.MapPost("/cutovers", (
                [FromHeader(Name = ApiHeaders.IdempotencyKeyHeader)] string? idempotencyKey,
                [FromServices] StartCutover start, [FromServices] ICutoverStore cutovers, [FromServices] ICutoverWorkflows workflows,
                HttpContext context, CancellationToken ct) =>
                CutoverApiRunner.StartAsync(context, idempotencyKey, WalletFlowClaims.ActorOf(context.User), start, cutovers, workflows, ct))
            .WithName("StartCutover").RequireScope(Scopes.CutoverRun)
            .Accepts<string>(CutoverApiRunner.CsvMediaType)
            .WithSummary("Upload a legacy balances file (text/csv: wallet_id,owner_id,currency,balance,legacy_ref): every row is checked first; a bad file is refused whole (400, every bad line listed). 202 with the cutover's status URL.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        v1.MapGet("/cutovers/{cutoverId}", (
                string cutoverId, [FromServices] ICutoverStore cutovers, [FromServices] ICutoverWorkflows workflows, HttpContext context, CancellationToken ct) =>
                CutoverApiRunner.ReadAsync(context, cutoverId, cutovers, workflows, ct))
            .WithName("GetCutover").RequireScope(Scopes.CutoverRun)
            .WithSummary("A cutover's status and step, counts per step, failures, and file and ledger totals per currency.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapPost("/cutovers/{cutoverId}/rollback", (
                string cutoverId, [FromServices] RollbackCutover rollback, [FromServices] ICutoverStore cutovers, [FromServices] ICutoverWorkflows workflows,
                HttpContext context, CancellationToken ct) =>
                CutoverApiRunner.RollbackAsync(context, cutoverId, WalletFlowClaims.ActorOf(context.User), rollback, cutovers, workflows, ct))
            .WithName("RollbackCutover").RequireScope(Scopes.CutoverRun)
            .WithSummary("Roll a failed or live cutover back: every opening balance it posted reversed, books checked, legacy_frozen and cutover_live off. Asking again is safe.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return v1;
    }
}
