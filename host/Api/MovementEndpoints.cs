using WalletFlow.Host.Identity;
using Microsoft.AspNetCore.Mvc;
using WalletFlow.Api;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;

namespace WalletFlow.Host.Api;

/// <summary>Runs one money movement's use case: the key, the bound body, the route values, cancellation.</summary>
public delegate Task<Result<MovementReceipt>> RunMovement<in TUseCase, in TBody>(TUseCase useCase, IdempotencyKey key, TBody body, RouteValueDictionary route, CancellationToken cancellationToken);

/// <summary>
/// The host's binding of every money-moving POST: the JSON body, the <c>Idempotency-Key</c> header and
/// the route values, handed to <see cref="ApiRunner.MoveAsync"/> (the runner functions/ calls too),
/// which answers <b>201</b> with the <see cref="MovementResponse"/> or the rejection's problem+json.
/// Adding a movement is one call:
/// <code>v1.MapMovement&lt;PlaceHold, PlaceHoldBody&gt;("/holds", (useCase, key, body, _, ct) => useCase.RunAsync(body.ToRequest(key), ct));</code>
/// </summary>
public static class MovementEndpoints
{
    public static RouteHandlerBuilder MapMovement<TUseCase, TBody>(this IEndpointRouteBuilder endpoints, string pattern, RunMovement<TUseCase, TBody> run)
        where TUseCase : notnull
        where TBody : class
    {
        ArgumentNullException.ThrowIfNull(run);
        return endpoints.MapPost(pattern, (
                [FromHeader(Name = ApiHeaders.IdempotencyKeyHeader)] string? idempotencyKey,
                [FromBody] TBody body,
                [FromServices] TUseCase useCase,
                HttpContext context,
                CancellationToken cancellationToken) =>
                ApiRunner.MoveAsync(context, idempotencyKey, (key, ct) => run(useCase, key, body, context.Request.RouteValues, ct), cancellationToken))
            .RequireRateLimiting(WalletFlowIdentity.MovementsRateLimit)
            .Accepts<TBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
    }
}
