using WalletFlow.Core.Identity;
using WalletFlow.Host.Identity;
using System.Globalization;
using System.Numerics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WalletFlow.Api;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Host.Api;

/// <summary>
/// /v1/wallets: open a wallet (201, or 200 when the identical wallet already exists), read it with its
/// balances, and list the ledger transactions that touched it. Balances come from the ledger on every
/// read; none is stored.
/// </summary>
public static class WalletsApi
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

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
        [FromBody] OpenWalletBody body, OpenWallet openWallet, ILedger ledger, HttpContext context, CancellationToken ct)
    {
        var opened = await openWallet.RunAsync(new OpenWalletRequest(body.WalletId, body.OwnerId, body.Currency), ct);
        if (!opened.TryGetValue(out var wallet, out var rejected))
            return ApiProblems.For(rejected, context);
        var response = WalletResponse.From(wallet.Wallet, await BalancesAsync(ledger, wallet.Wallet, ct));
        return wallet.Created
            ? TypedResults.Created($"/v1/wallets/{wallet.Wallet.WalletId}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<WalletResponse>, ProblemHttpResult>> GetAsync(
        string walletId, IWalletStore wallets, ILedger ledger, HttpContext context, CancellationToken ct)
    {
        var wallet = await wallets.FindAsync(walletId, ct);
        if (wallet is null)
            return ApiProblems.For(new Core.Movements.NotFound("wallet", walletId) { Field = nameof(walletId) }, context);
        return TypedResults.Ok(WalletResponse.From(wallet, await BalancesAsync(ledger, wallet, ct)));
    }

    private static async Task<Results<Ok<WalletTransactionPage>, ProblemHttpResult>> ListTransactionsAsync(
        string walletId, string? cursor, string? pageSize, IWalletStore wallets, ILedger ledger, HttpContext context, CancellationToken ct)
    {
        var wallet = await wallets.FindAsync(walletId, ct);
        if (wallet is null)
            return ApiProblems.For(new Core.Movements.NotFound("wallet", walletId) { Field = nameof(walletId) }, context);
        var size = DefaultPageSize;
        if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
            return ApiProblems.For(InvalidRequest.For(nameof(pageSize), $"A whole number from 1 to {MaxPageSize}."), context);
        long? before = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                return ApiProblems.For(InvalidRequest.For(nameof(cursor), "Not a cursor from this listing: pass back `next` as it was given."), context);
            before = id;
        }

        var page = await ledger.ListTransactionsAsync(WalletPrefix(wallet.WalletId), size, before, ct);
        var data = page.Transactions.Select(WalletTransactionResponse.From).ToList();
        var next = page.HasMore && data.Count > 0 ? data[^1].TransactionId.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new WalletTransactionPage(data, next is not null, next));
    }

    private static string WalletPrefix(string walletId) => $"{AddressSegments.Wallets}:{walletId}";

    // available = wallets:{id}:main, held = Σ wallets:{id}:holds:*, reserve = wallets:{id}:reserve, in the wallet's
    // asset; which account is which is the classifier's answer (AccountKinds), not an address compared here.
    private static async Task<WalletBalances> BalancesAsync(ILedger ledger, Wallet wallet, CancellationToken ct)
    {
        var asset = wallet.Currency.LedgerAsset.ToString();
        BigInteger available = 0, held = 0, reserved = 0;
        await foreach (var balance in ledger.ListBalancesAsync(WalletPrefix(wallet.WalletId), ct))
        {
            if (balance.Asset != asset || !AccountClassifier.Classify(balance.Address).TryGetValue(out var account, out _)
                || account.WalletId != wallet.WalletId)
                continue;
            switch (account.Kind)
            {
                case AccountKind.WalletMain: available += balance.Balance; break;
                case AccountKind.WalletHold: held += balance.Balance; break;
                case AccountKind.WalletReserve: reserved += balance.Balance; break;
            }
        }
        return new WalletBalances(Money(wallet.Currency, available), Money(wallet.Currency, held), Money(wallet.Currency, reserved));
    }

    private static ApiMoney Money(Currency currency, BigInteger minorUnits) => ApiMoney.From(new Money(currency, checked((long)minorUnits)));
}
