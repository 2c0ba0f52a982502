using System.Reflection;
using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Core.Identity;
using WalletFlow.Host.Identity;
using static WalletFlow.Host.LedgerApi.LedgerApiRequests;
using static WalletFlow.Host.LedgerApi.LedgerApiResults;

namespace WalletFlow.Host.LedgerApi;

/// <summary>
/// The embedded ledger's Formance-Ledger-v2-compatible HTTP API under <c>/api/ledger</c>: the subset
/// of formance-v2.md, with Formance's paths, JSON shapes, status codes and error codes, so a
/// Formance client works against it. Handlers bind and translate; the ledger decides. An admin
/// surface (it can create money): mapped only with <c>LedgerApi:Enabled</c>, served only on
/// <c>LedgerApi:Urls</c> (<see cref="LedgerApiListener"/>), to <c>ledger:admin</c> (or <c>admin</c>)
/// callers only, every body JSON and bounded (<see cref="LedgerApiBoundary"/>).
/// </summary>
public static class LedgerApi
{
    public const string Prefix = "/api/ledger";

    /// <summary>
    /// Binds and validates <c>LedgerApi:*</c> (enabling it in Formance mode stops the start, naming the
    /// key) and, when enabled, gives it its own listener. Call after the main URLs are settled.
    /// </summary>
    public static WebApplicationBuilder AddWalletFlowLedgerApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<LedgerApiOptions>()
            .Bind(builder.Configuration.GetSection(LedgerApiOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LedgerApiOptions>, LedgerApiOptionsValidator>();
        if (LedgerApiListener.Configure(builder).Enabled)
            builder.Services.AddSingleton<MatcherPolicy, LedgerApiListenerPolicy>();
        return builder;
    }

    /// <summary>Maps the ledger API when <c>LedgerApi:Enabled</c>; otherwise nothing (every path a 404).</summary>
    public static IEndpointRouteBuilder MapLedgerApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<LedgerApiListener>().Enabled)
            return endpoints;
        var api = endpoints.MapGroup(Prefix).WithTags("ledger")
            .WithMetadata(LedgerApiEndpoint.Instance)
            .RequireScope(Scopes.LedgerAdmin)
            .AddEndpointFilter(LedgerApiBoundary.InvokeAsync);
        api.MapGet("/_/info", ServerInfo);
        api.MapGet("/_info", ServerInfo);

        var v2 = api.MapGroup("/v2/{ledger}");
        v2.MapPost("", CreateLedgerAsync);
        v2.MapGet("", async (string ledger, EmbeddedLedger l, CancellationToken ct) => Data(await l.GetLedgerAsync(ledger, ct)));
        v2.MapGet("/_info", LedgerInfoAsync);

        v2.MapPost("/transactions", CreateTransactionAsync);
        v2.MapGet("/transactions", (string ledger, HttpRequest request, EmbeddedLedger l, CancellationToken ct) =>
            ListAsync(request, async query => Cursor(await l.ListTransactionsAsync(ledger, query, ct)), ct));
        v2.MapGet("/transactions/{id:long}", async (string ledger, long id, HttpRequest request, EmbeddedLedger l, CancellationToken ct) =>
            Data(await l.GetTransactionAsync(ledger, id, Expands(request, "volumes"), ct)));
        v2.MapPost("/transactions/{id:long}/revert", RevertAsync);
        // POST as in the OpenAPI file (which wins); PUT as formance-v2.md writes it, for older clients.
        v2.MapMethods("/transactions/{id:long}/metadata", [HttpMethods.Post, HttpMethods.Put],
            async (string ledger, long id, HttpRequest request, EmbeddedLedger l, CancellationToken ct) =>
            await BodyAsync<Dictionary<string, string>>(request, ct) is ({ } metadata, _)
                ? NoContent(await l.SetTransactionMetadataAsync(ledger, id, metadata, ct))
                : Validation("the body must be a JSON object of string values"));
        v2.MapDelete("/transactions/{id:long}/metadata/{key}", async (string ledger, long id, string key, EmbeddedLedger l, CancellationToken ct) =>
            NoContent(await l.DeleteTransactionMetadataAsync(ledger, id, key, ct)));

        v2.MapGet("/accounts", ListAccountsAsync);
        v2.MapGet("/accounts/{address}", GetAccountAsync);
        v2.MapPost("/accounts/{address}/metadata", async (string ledger, string address, HttpRequest request, EmbeddedLedger l, CancellationToken ct) =>
            await BodyAsync<Dictionary<string, string>>(request, ct) is ({ } metadata, _)
                ? NoContent(await l.SetAccountMetadataAsync(ledger, address, metadata, ct))
                : Validation("the body must be a JSON object of string values"));
        v2.MapDelete("/accounts/{address}/metadata/{key}", async (string ledger, string address, string key, EmbeddedLedger l, CancellationToken ct) =>
            NoContent(await l.DeleteAccountMetadataAsync(ledger, address, key, ct)));

        v2.MapGet("/aggregate/balances", AggregateBalancesAsync);
        v2.MapGet("/logs", ListLogsAsync);
        return endpoints;
    }

    // V2ConfigInfo: the contract requires config (no shape given; Formance's older answers put the
    // server's configuration there), so it is answered, empty.
    private static IResult ServerInfo() => Results.Json(new
    {
        server = "walletflow-embedded-ledger",
        version = typeof(LedgerApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev",
        config = new { },
    }, LedgerJson.Options);

    private static async Task<IResult> CreateLedgerAsync(string ledger, HttpRequest request, EmbeddedLedger l, CancellationToken ct)
    {
        Dictionary<string, string>? metadata = null;
        if (request.ContentLength > 0)
        {
            var (body, error) = await BodyAsync<CreateLedgerBody>(request, ct);
            if (error is not null)
                return Validation(error);
            metadata = body!.Metadata;
        }
        return NoContent(await l.CreateLedgerAsync(ledger, metadata, ct));
    }

    private static async Task<IResult> LedgerInfoAsync(string ledger, EmbeddedLedger l, CancellationToken ct)
    {
        var info = await l.GetLedgerAsync(ledger, ct);
        return info.Succeeded ? Results.Json(new { data = new { name = ledger, storage = new { migrations = Array.Empty<object>() } } }, LedgerJson.Options) : Error(info.Error);
    }

    private static async Task<IResult> CreateTransactionAsync(string ledger, HttpRequest request, EmbeddedLedger l, CancellationToken ct)
    {
        var (body, error) = await BodyAsync<CreateTransaction>(request, ct);
        if (error is not null)
            return Validation(error);
        return Data(await l.CreateTransactionAsync(ledger, body!, IdempotencyKey(request), ct, dryRun: Flag(request, "dryRun")));
    }

    // force comes as a query flag or, from newer clients, in the body ({"force": true}).
    private static async Task<IResult> RevertAsync(string ledger, long id, HttpRequest request, EmbeddedLedger l, CancellationToken ct)
    {
        var force = Flag(request, "force");
        if (request.ContentLength > 0)
        {
            var (body, error) = await BodyAsync<RevertBody>(request, ct);
            if (error is not null)
                return Validation(error);
            force |= body!.Force;
        }
        return Data(await l.RevertTransactionAsync(ledger, id, force, ct, IdempotencyKey(request)), StatusCodes.Status201Created);
    }

    private static string? IdempotencyKey(HttpRequest request) =>
        request.Headers["Idempotency-Key"].FirstOrDefault() is { Length: > 0 } key ? key : null;

    private static async Task<IResult> GetAccountAsync(string ledger, string address, HttpRequest request, EmbeddedLedger l, CancellationToken ct)
    {
        var (pit, error) = PointInTime(request);
        return error is not null ? Validation(error) : Data(await l.GetAccountAsync(ledger, address, pit, Expands(request, "volumes"), ct));
    }

    private static async Task<IResult> ListAccountsAsync(string ledger, HttpRequest request, EmbeddedLedger l, CancellationToken ct)
    {
        var (pit, pitError) = PointInTime(request);
        if (pitError is not null)
            return Validation(pitError);
        return await ListAsync(request, async query => Cursor(await l.ListAccountsAsync(ledger, query, pit, Expands(request, "volumes"), ct)), ct);
    }

    private static async Task<IResult> AggregateBalancesAsync(string ledger, HttpRequest request, EmbeddedLedger l, CancellationToken ct)
    {
        var (pit, pitError) = PointInTime(request);
        if (pitError is not null)
            return Validation(pitError);
        return await ListAsync(request, async query => Data(await l.AggregateBalancesAsync(ledger, query, pit, ct)), ct);
    }

    // Reads the listing query once (the body can be read only once) and answers VALIDATION when malformed.
    private static async Task<IResult> ListAsync(HttpRequest request, Func<LedgerQuery, Task<IResult>> list, CancellationToken ct)
    {
        var (query, error) = await ListingAsync(request, ct);
        return error is not null ? Validation(error) : await list(query!);
    }

    private static async Task<IResult> ListLogsAsync(string ledger, HttpRequest request, EmbeddedLedger l, CancellationToken ct)
    {
        var (query, error) = await ListingAsync(request, ct);
        if (error is not null)
            return Validation(error);
        var after = -1L;
        if (query!.Cursor is { } cursor && !long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out after))
            return Validation("invalid cursor");
        var page = await l.ListLogsAsync(ledger, query.PageSize, after, ct);
        return page.Succeeded
            ? Cursor(LedgerResult<LedgerPage<object>>.Ok(new LedgerPage<object>(page.Value.PageSize, page.Value.HasMore, page.Value.Next,
                page.Value.Data.Select(e => (object)new { id = e.Id, type = e.Type, data = System.Text.Json.JsonDocument.Parse(e.Data).RootElement, date = e.Date, hash = e.Hash is null ? null : Convert.ToBase64String(e.Hash) }).ToList())))
            : Error(page.Error);
    }

    private sealed record RevertBody(bool Force);

    private sealed record CreateLedgerBody(string? Bucket, Dictionary<string, string>? Metadata);
}
