using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WalletFlow.Api;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Reserves;
using WalletFlow.Host.Identity;

namespace WalletFlow.Host.Api;

/// <summary>
/// <c>/v1/reserve-policies</c> (issue 18 §3): set an owner's rolling-reserve policy (admin; the actor is
/// whoever is signed in) and list the policies (reports:read). Setting is an upsert, so it takes no
/// Idempotency-Key: sending the same policy twice leaves the same policy (and records two changes).
/// </summary>
public static class ReservePoliciesApi
{
    public static IEndpointRouteBuilder MapReservePoliciesApi(this IEndpointRouteBuilder v1)
    {
        v1.MapPost("/reserve-policies", SetAsync)
            .WithName("SetReservePolicy").RequireScope(Scopes.Admin)
            .WithSummary("Set an owner's reserve policy: rateBps of each later pay-in kept in reserve for holdDays.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        v1.MapGet("/reserve-policies", ListAsync)
            .WithName("ListReservePolicies").RequireScope(Scopes.ReportsRead).ProducesProblem(StatusCodes.Status400BadRequest);
        return v1;
    }

    private static async Task<Results<Ok<ReservePolicyResponse>, ProblemHttpResult>> SetAsync(
        [FromBody] ReservePolicyBody body, [FromServices] SetReservePolicy set, HttpContext context, CancellationToken ct)
    {
        var policy = await set.RunAsync(body.ToRequest(), WalletFlowClaims.ActorOf(context.User), ct);
        return policy.TryGetValue(out var stored, out var rejected)
            ? TypedResults.Ok(ReservePolicyResponse.From(stored))
            : ApiProblems.For(rejected, context);
    }

    private static async Task<Results<Ok<ReservePolicyList>, ProblemHttpResult>> ListAsync(
        [FromQuery] string? ownerId, [FromServices] ReservePolicies policies, HttpContext context, CancellationToken ct)
    {
        var listed = await policies.ListAsync(ownerId, ct);
        return listed.TryGetValue(out var found, out var rejected)
            ? TypedResults.Ok(new ReservePolicyList([.. found.Select(ReservePolicyResponse.From)]))
            : ApiProblems.For(rejected, context);
    }
}
