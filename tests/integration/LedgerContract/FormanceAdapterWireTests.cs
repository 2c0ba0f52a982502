using System.Collections.Concurrent;
using System.Net;
using System.Numerics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Adapters.Ledger.Formance;
using WalletFlow.Core.Ports;
using Posting = WalletFlow.Adapters.Ledger.Posting;

namespace WalletFlow.Tests.Integration.LedgerContract;

/// <summary>
/// The Formance adapter's wire behaviour against a scripted HTTP server on loopback: headers, JSON,
/// which calls are retried, how error bodies map, client credentials, and the options' validation.
/// </summary>
public sealed class FormanceAdapterWireTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private WebApplication _app = null!;
    private Uri _url = null!;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _replies = new();
    private readonly ConcurrentQueue<Seen> _seen = new();

    private sealed record Seen(string Method, string Path, string Query, string? IdempotencyKey, string? Authorization, string Body);

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            _seen.Enqueue(new Seen(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "",
                context.Request.Headers["Idempotency-Key"].FirstOrDefault(), context.Request.Headers.Authorization.FirstOrDefault(), body));
            if (context.Request.Path.StartsWithSegments("/token"))
            {
                await context.Response.WriteAsJsonAsync(new { access_token = "t0k3n", expires_in = 3600 });
                return;
            }
            if (_replies.TryDequeue(out var reply))
                await reply(context);
            else
                context.Response.StatusCode = 418;
        });
        await _app.StartAsync();
        _url = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static Func<HttpContext, Task> Reply(int status, string json) => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    };

    private FormanceHttpDriver Driver(params (string Key, string Value)[] settings) =>
        new(new Uri(_url, "base/"), "scripted server", new Dictionary<string, string?>(
            new[] { ("Ledger:Formance:RetryDelayMilliseconds", "1") }.Concat(settings).Select(p => KeyValuePair.Create(p.Item1, (string?)p.Item2))));

    private const string Transaction = """
        {"data": {"id": 7, "timestamp": "2026-11-25T10:00:00Z", "insertedAt": "2026-11-25T10:00:00.5Z",
                  "postings": [{"source": "world", "destination": "wallets:w1:main", "amount": 123456789012345678901234567890, "asset": "NGN/2"}],
                  "reference": "r1", "metadata": {"k": "v"}, "reverted": false}}
        """;

    [Fact]
    public async Task A_write_carries_an_idempotency_key_integer_amounts_and_is_retried_with_the_same_key_after_a_503()
    {
        using var driver = Driver();
        _replies.Enqueue(Reply(503, "{}"));
        _replies.Enqueue(Reply(200, Transaction));
        var amount = BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture);

        var result = await driver.CreateTransactionAsync("main", new CreateTransaction([new Posting("world", "wallets:w1:main", amount, "NGN/2")], Reference: "r1"), "key-1", Ct);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(7, result.Value.Id);
        Assert.Equal(amount, result.Value.Postings[0].Amount);
        var seen = _seen.ToArray();
        Assert.Equal(2, seen.Length);
        Assert.All(seen, s => Assert.Equal(("POST", "/base/v2/main/transactions", "key-1"), (s.Method, s.Path, s.IdempotencyKey)));
        Assert.Contains("\"amount\":123456789012345678901234567890", seen[0].Body, StringComparison.Ordinal);
        Assert.Equal(seen[0].Body, seen[1].Body);
    }

    [Fact]
    public async Task Every_write_has_an_idempotency_key_even_when_the_caller_gives_none()
    {
        using var driver = Driver();
        _replies.Enqueue(Reply(200, Transaction));
        _replies.Enqueue(Reply(204, ""));
        _replies.Enqueue(Reply(204, ""));
        _replies.Enqueue(Reply(201, Transaction));

        Assert.True((await driver.CreateTransactionAsync("main", new CreateTransaction([new Posting("world", "a", 1, "NGN/2")]), null, Ct)).Succeeded);
        Assert.True((await driver.SetAccountMetadataAsync("main", "wallets:w1:main", new Dictionary<string, string> { ["a"] = "b" }, Ct)).Succeeded);
        Assert.True((await driver.DeleteTransactionMetadataAsync("main", 7, "a", Ct)).Succeeded);
        Assert.True((await driver.RevertTransactionAsync("main", 7, force: true, Ct)).Succeeded);

        var seen = _seen.ToArray();
        Assert.All(seen, s => Assert.False(string.IsNullOrEmpty(s.IdempotencyKey), $"{s.Method} {s.Path} has no Idempotency-Key"));
        Assert.Equal("/base/v2/main/transactions/7/revert", seen[3].Path);
        Assert.Contains("force=true", seen[3].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_is_retried_after_a_503_and_a_listing_sends_its_filter_as_query_and_body()
    {
        using var driver = Driver();
        _replies.Enqueue(Reply(503, "{}"));
        _replies.Enqueue(Reply(200, """{"cursor": {"pageSize": 2, "hasMore": true, "next": "CUR", "data": []}}"""));
        var filter = JsonDocument.Parse("""{"$match":{"address":"wallets:"}}""").RootElement;

        var page = await driver.ListAccountsAsync("main", new LedgerQuery(2, filter), true, Ct);

        Assert.True(page.Succeeded, page.Error?.Message);
        Assert.Equal("CUR", page.Value.Next);
        var seen = _seen.ToArray();
        Assert.Equal(2, seen.Length);
        Assert.Contains("pageSize=2", seen[1].Query, StringComparison.Ordinal);
        Assert.Contains("expand=volumes", seen[1].Query, StringComparison.Ordinal);
        Assert.Contains("query=", seen[1].Query, StringComparison.Ordinal);
        Assert.Equal(filter.GetRawText(), seen[1].Body);
    }

    [Fact]
    public void Only_reads_and_idempotency_keyed_writes_are_safe_to_retry()
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "http://x/v2/l/transactions");
        using var post = new HttpRequestMessage(HttpMethod.Post, "http://x/v2/l/transactions");
        using var keyed = new HttpRequestMessage(HttpMethod.Post, "http://x/v2/l/transactions");
        keyed.Headers.Add("Idempotency-Key", "k");

        Assert.True(LedgerServiceCollectionExtensions.IsSafeToRetry(get));
        Assert.False(LedgerServiceCollectionExtensions.IsSafeToRetry(post));
        Assert.True(LedgerServiceCollectionExtensions.IsSafeToRetry(keyed));
    }

    [Fact]
    public async Task Formance_error_codes_are_values_and_insufficient_fund_is_an_insufficient_funds_rejection()
    {
        using var driver = Driver();
        _replies.Enqueue(Reply(400, """{"errorCode": "INSUFFICIENT_FUND", "errorMessage": "running numscript: Not enough funds. Needed [NGN/2 1001] (only [NGN/2 1000] available) from @wallets:w1:main"}"""));
        _replies.Enqueue(Reply(400, """{"errorCode": "CONFLICT", "errorMessage": "idempotency key already used with another request"}"""));

        var port = driver.Port("main");
        var refused = await port.PostAsync(new LedgerRequest(new TemplateScript("t", "send [NGN/2 1001] (source = @wallets:w1:main destination = @world)",
            new Dictionary<string, string>()), "k1", "r1", new Dictionary<string, string>()), Ct);
        var conflict = await driver.CreateTransactionAsync("main", new CreateTransaction([new Posting("world", "a", 1, "NGN/2")]), "k1", Ct);

        Assert.Equal(new InsufficientFunds("wallets:w1:main", "NGN/2", 1001, 1000), refused.Error);
        Assert.Equal(LedgerErrorCodes.Conflict, conflict.Error?.Code);
        Assert.Equal(2, _seen.Count); // refusals are answers, not transient failures: nothing retried
    }

    [Fact]
    public async Task A_server_error_after_the_retries_is_an_exception_not_a_rejection()
    {
        using var driver = Driver(("Ledger:Formance:MaxRetries", "1"));
        _replies.Enqueue(Reply(500, """{"errorCode": "INTERNAL", "errorMessage": "boom"}"""));
        _replies.Enqueue(Reply(500, """{"errorCode": "INTERNAL", "errorMessage": "boom"}"""));

        var error = await Assert.ThrowsAsync<FormanceUnavailableException>(() => driver.GetTransactionAsync("main", 1, false, Ct));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("INTERNAL boom", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _seen.Count);
    }

    [Fact]
    public async Task With_client_credentials_each_call_carries_the_bearer_token_from_the_token_url()
    {
        using var driver = Driver(("Ledger:Formance:ClientId", "walletflow"), ("Ledger:Formance:ClientSecret", "s3cret"),
            ("Ledger:Formance:TokenUrl", new Uri(_url, "token").ToString()));
        _replies.Enqueue(Reply(200, Transaction));
        _replies.Enqueue(Reply(200, Transaction));

        Assert.True((await driver.GetTransactionAsync("main", 7, false, Ct)).Succeeded);
        Assert.True((await driver.GetTransactionAsync("main", 7, false, Ct)).Succeeded);

        var seen = _seen.ToArray();
        Assert.Equal(["/token", "/base/v2/main/transactions/7", "/base/v2/main/transactions/7"], seen.Select(s => s.Path));
        Assert.Contains("grant_type=client_credentials", seen[0].Body, StringComparison.Ordinal);
        Assert.All(seen.Skip(1), s => Assert.Equal("Bearer t0k3n", s.Authorization));
    }

    [Theory]
    [InlineData("Ledger:Formance:BaseUrl", "", "Ledger:Formance:BaseUrl must be an absolute http(s) URL")]
    [InlineData("Ledger:Name", "bad name!", "Ledger:Name must be 1 to 63")]
    [InlineData("Ledger:Formance:ClientId", "only-the-id", "Ledger:Formance:ClientId, Ledger:Formance:ClientSecret and Ledger:Formance:TokenUrl go together")]
    [InlineData("Ledger:Formance:MaxRetries", "99", "Ledger:Formance:MaxRetries must be between 0 and 10")]
    public void Invalid_ledger_settings_fail_naming_their_key(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ledger:Mode"] = "Formance",
            ["Ledger:Formance:BaseUrl"] = "http://127.0.0.1:3068",
            [key] = value,
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddWalletFlowLedger(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LedgerOptions>>().Value);
        Assert.Contains(message, string.Join(" ", error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void The_mode_picks_the_port_and_embedded_is_the_default()
    {
        static ILedger Port(params (string, string)[] settings)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(p => KeyValuePair.Create(p.Item1, (string?)p.Item2))).Build();
            var services = new ServiceCollection().AddLogging()
                .AddSingleton(Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Database=unused"))
                .AddWalletFlowLedger(configuration).BuildServiceProvider();
            return services.GetRequiredService<ILedger>();
        }

        Assert.IsType<EmbeddedLedgerPort>(Port());
        Assert.IsType<FormanceLedger>(Port(("Ledger:Mode", "Formance"), ("Ledger:Formance:BaseUrl", "http://127.0.0.1:3068")));
        Assert.Equal("walletflow", ((EmbeddedLedgerPort)Port()).LedgerName);
    }
}
