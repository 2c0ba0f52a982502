using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using WalletFlow.Api;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Transfers;

namespace WalletFlow.Functions;

/// <summary>Pay-ins and transfers over HTTP triggers: each binds its body and hands it to <see cref="ApiRunner.MoveAsync"/>, host/'s runner.</summary>
public sealed class MovementFunctions(PayIn payIn, Transfer transfer)
{
    [Function(nameof(CreatePayIn))]
    public async Task<IResult> CreatePayIn(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/payins")] HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, problem) = await FunctionsHttp.ReadBodyAsync<PayInBody>(request, ct);
        return body is null
            ? problem!
            : (await ApiRunner.MoveAsync(request.HttpContext, FunctionsHttp.IdempotencyKey(request), (key, t) => payIn.RunAsync(body.ToRequest(key), t), ct)).Result;
    }

    [Function(nameof(CreateTransfer))]
    public async Task<IResult> CreateTransfer(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/transfers")] HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, problem) = await FunctionsHttp.ReadBodyAsync<TransferBody>(request, ct);
        return body is null
            ? problem!
            : (await ApiRunner.MoveAsync(request.HttpContext, FunctionsHttp.IdempotencyKey(request), (key, t) => transfer.RunAsync(body.ToRequest(key), t), ct)).Result;
    }
}
