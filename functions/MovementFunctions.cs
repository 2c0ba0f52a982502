using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Results;
using WalletFlow.Core.Transfers;
using WalletFlow.Api;

namespace WalletFlow.Functions;

/// <summary>Pay-ins and transfers over HTTP triggers: host/'s MovementEndpoints contract (201 with the receipt, or problem+json).</summary>
public sealed class MovementFunctions(PayIn payIn, Transfer transfer)
{
    [Function(nameof(CreatePayIn))]
    public Task<IResult> CreatePayIn(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/payins")] HttpRequest request, CancellationToken ct) =>
        MoveAsync<PayInBody>(request, (key, body) =>
            payIn.RunAsync(new PayInRequest(key, body.WalletId, body.Amount, body.Currency, body.Source, body.ExternalRef, body.Fee), ct), ct);

    [Function(nameof(CreateTransfer))]
    public Task<IResult> CreateTransfer(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/transfers")] HttpRequest request, CancellationToken ct) =>
        MoveAsync<TransferBody>(request, (key, body) =>
            transfer.RunAsync(new TransferRequest(key, body.FromWalletId, body.ToWalletId, body.Amount, body.Currency, body.Fee), ct), ct);

    private static async Task<IResult> MoveAsync<TBody>(HttpRequest request, Func<IdempotencyKey, TBody, Task<Result<MovementReceipt>>> run, CancellationToken ct)
        where TBody : class
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = IdempotencyKey.Create(request.Headers[ApiHeaders.IdempotencyKeyHeader].FirstOrDefault());
        if (!key.TryGetValue(out var validKey, out var rejected))
            return ApiProblems.For(rejected, request.HttpContext);
        var (body, problem) = await FunctionsHttp.ReadBodyAsync<TBody>(request, ct);
        if (body is null)
            return problem!;
        var moved = await run(validKey, body);
        return moved.TryGetValue(out var receipt, out rejected)
            ? TypedResults.Created((string?)null, MovementResponse.From(receipt))
            : ApiProblems.For(rejected, request.HttpContext);
    }
}
