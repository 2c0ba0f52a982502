using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WalletFlow.Api;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;

namespace WalletFlow.Host.Api;

/// <summary>Runs one money movement's use case: the key, the bound body, the route values, cancellation.</summary>
public delegate Task<Result<MovementReceipt>> RunMovement<in TUseCase, in TBody>(TUseCase useCase, IdempotencyKey key, TBody body, RouteValueDictionary route, CancellationToken cancellationToken);

/// <summary>
/// The one shape of every money-moving POST: bind the JSON body and the required <c>Idempotency-Key</c>
/// header, run the use case, answer <b>201</b> with the <see cref="MovementResponse"/> built from its
/// receipt (a replay answers the same 201 and the same body) or the rejection's problem+json. Adding a
/// movement is one call:
/// <code>v1.MapMovement&lt;PlaceHold, PlaceHoldBody&gt;("/holds", (useCase, key, body, _, ct) => useCase.RunAsync(body.ToRequest(key), ct));</code>
/// </summary>
public static class MovementEndpoints
{
    public static RouteHandlerBuilder MapMovement<TUseCase, TBody>(this IEndpointRouteBuilder endpoints, string pattern, RunMovement<TUseCase, TBody> run)
        where TUseCase : notnull
        where TBody : class
    {
        ArgumentNullException.ThrowIfNull(run);
        return endpoints.MapPost(pattern, async Task<Results<Created<MovementResponse>, ProblemHttpResult>> (
                [FromHeader(Name = ApiHeaders.IdempotencyKeyHeader)] string? idempotencyKey,
                [FromBody] TBody body,
                [FromServices] TUseCase useCase,
                HttpContext context,
                CancellationToken cancellationToken) =>
            {
                var key = IdempotencyKey.Create(idempotencyKey);
                if (!key.TryGetValue(out var validKey, out var rejected))
                    return ApiProblems.For(rejected, context);
                var moved = await run(useCase, validKey, body, context.Request.RouteValues, cancellationToken);
                return moved.TryGetValue(out var receipt, out rejected)
                    ? TypedResults.Created((string?)null, MovementResponse.From(receipt))
                    : ApiProblems.For(rejected, context);
            })
            .Accepts<TBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
    }
}
