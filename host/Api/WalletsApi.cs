using WalletFlow.Core.Identity;
using WalletFlow.Host.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WalletFlow.Api;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Host.Api;

/// <summary>
/// /v1/wallets: open a wallet (201, or 200 when the identical wallet already exists), read it with its
/// balances, and list the ledger transactions that touched it. Both reads are core queries
/// (<see cref="WalletBalancesQuery"/>, <see cref="WalletTransactionsQuery"/>): balances come from the
/// ledger on every read; none is stored.
/// </summary>
public static class WalletsApi
{
    public static IEndpointRouteBuilder MapWalletsApi(this IEndpointRouteBuilder v1)
    {
        var wallets = v1.MapGroup("/wallets");
        wallets.MapPost("", OpenAsync)
            .Accepts<OpenWalletBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("OpenWallet").RequireScope(Scopes.WalletsWrite)
            .WithSummary("Open a wallet; the same walletId, owner and currency again answers 200 with the wallet.");
        wallets.MapGet("/{walletId}", GetAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetWallet").RequireScope(Scopes.WalletsRead)
            .WithSummary("A wallet with its balances {available, held, reserve}, derived from the ledger.");
        wallets.MapGet("/{walletId}/transactions", ListTransactionsAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ListWalletTransactions").RequireScope(Scopes.WalletsRead)
            .WithSummary("Ledger transactions touching the wallet, newest first; pass `next` back as `cursor`.");
        return v1;
    }

    private static async Task<Results<Created<WalletResponse>, Ok<WalletResponse>, ProblemHttpResult>> OpenAsync(
        [FromBody] OpenWalletBody body, OpenWallet openWallet, WalletBalancesQuery balances, HttpContext context, CancellationToken ct)
    {
        var opened = await openWallet.RunAsync(body.ToRequest(), ct);
        if (!opened.TryGetValue(out var wallet, out var rejected))
            return ApiProblems.For(rejected, context);
        var response = WalletResponse.From(new WalletWithBalances(wallet.Wallet, await balances.BalancesAsync(wallet.Wallet, ct)));
        return wallet.Created
            ? TypedResults.Created($"/v1/wallets/{wallet.Wallet.WalletId}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<WalletResponse>, ProblemHttpResult>> GetAsync(
        string walletId, WalletBalancesQuery balances, HttpContext context, CancellationToken ct)
    {
        var read = await balances.RunAsync(walletId, ct);
        return read.TryGetValue(out var wallet, out var rejected)
            ? TypedResults.Ok(WalletResponse.From(wallet))
            : ApiProblems.For(rejected, context);
    }

    private static async Task<Results<Ok<WalletTransactionPage>, ProblemHttpResult>> ListTransactionsAsync(
        string walletId, string? cursor, string? pageSize, WalletTransactionsQuery transactions, HttpContext context, CancellationToken ct)
    {
        var page = await transactions.RunAsync(walletId, cursor, pageSize, ct);
        return page.TryGetValue(out var listed, out var rejected)
            ? TypedResults.Ok(WalletTransactionPage.From(listed))
            : ApiProblems.For(rejected, context);
    }
}
