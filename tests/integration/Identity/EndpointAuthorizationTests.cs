using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Core.Identity;
using WalletFlow.Tests.Integration.Api;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Identity;

/// <summary>
/// Default deny, endpoint by endpoint (design.md §10): every endpoint the host maps states who may call
/// it, and for every one of them no credentials answer 401, a key without the scope 403, and a key with
/// exactly that scope the endpoint's success.
/// </summary>
public sealed class EndpointAuthorizationTests(IdentityApiFixture api) : IClassFixture<IdentityApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The only endpoints anyone may call: probes, and the provider's callback, which proves itself by its signature.</summary>
    private static readonly string[] Anonymous = ["ANY /health/live", "ANY /health/ready", "POST /v1/providers/{providerId}/webhook"];

    /// <summary>
    /// The /ops console's own way in (its sign-in form and its static files); every other /ops endpoint
    /// needs a signed-in operator's cookie and is tested through a browser (tests/integration/Ops).
    /// </summary>
    private static readonly string[] OpsAnonymous = ["GET /ops/sign-in", "POST /ops/sign-in", "GET /ops/static/{name}"];

    private sealed record Call(HttpMethod Method, string Path, object? Body, bool NeedsKey)
    {
        /// <summary>A text/csv body instead of JSON (a cutover's balances file).</summary>
        public string? Csv { get; init; }
    }

    /// <summary>A row: the endpoint (method and route pattern), the scope it needs (null: any identity), the success status, and how to make a valid request.</summary>
    private sealed record Row(string Endpoint, string? Scope, HttpStatusCode Success, Func<EndpointAuthorizationTests, Task<Call>> Make)
    {
        /// <summary>Every scope the endpoint needs (<see cref="Scope"/> and these).</summary>
        public string[] AlsoNeeds { get; init; } = [];
    }

    private static readonly Row[] Rows =
    [
        new("POST /v1/wallets", Scopes.WalletsWrite, HttpStatusCode.Created, t => Task.FromResult(Post("/v1/wallets", new { ownerId = "authz", currency = "NGN" }, key: false))),
        new("GET /v1/wallets/{walletId}", Scopes.WalletsRead, HttpStatusCode.OK, async t => Get($"/v1/wallets/{await t.FundedWalletAsync()}")),
        new("GET /v1/wallets/{walletId}/transactions", Scopes.WalletsRead, HttpStatusCode.OK, async t => Get($"/v1/wallets/{await t.FundedWalletAsync()}/transactions")),
        new("POST /v1/payins", Scopes.MovementsWrite, HttpStatusCode.Created, async t =>
            Post("/v1/payins", new { walletId = await t.WalletAsync(), amount = "10.00", currency = "NGN", source = "banks:authz", externalRef = Id("ref") })),
        new("POST /v1/transfers", Scopes.MovementsWrite, HttpStatusCode.Created, async t =>
            Post("/v1/transfers", new { fromWalletId = await t.FundedWalletAsync(), toWalletId = await t.WalletAsync(), amount = "1.00", currency = "NGN" })),
        new("POST /v1/holds", Scopes.MovementsWrite, HttpStatusCode.Created, async t =>
            Post("/v1/holds", new { walletId = await t.FundedWalletAsync(), amount = "1.00", currency = "NGN" })),
        new("POST /v1/holds/{holdId}/settle", Scopes.MovementsWrite, HttpStatusCode.Created, async t =>
            Post($"/v1/holds/{await t.HoldAsync()}/settle", new { counterpartyId = "authz-cp" })),
        new("POST /v1/holds/{holdId}/release", Scopes.MovementsWrite, HttpStatusCode.Created, async t =>
            Post($"/v1/holds/{await t.HoldAsync()}/release", new { })),
        new("POST /v1/fx/conversions", Scopes.MovementsWrite, HttpStatusCode.Created, async t =>
        {
            var (ngn, usd) = await t.FxPairAsync();
            return Post("/v1/fx/conversions", new { fromWalletId = ngn, toWalletId = usd, sellAmount = "100.00", sellCurrency = "NGN", buyCurrency = "USD", rate = "0.00065" });
        }),
        new("POST /v1/pools/fundings", Scopes.MovementsWrite, HttpStatusCode.Created, async t =>
        {
            await t.AdminAsync(Post("/v1/banks/fundings", new { bankId = "authz-bank", amount = "1000.00", currency = "NGN" }));
            return Post("/v1/pools/fundings", new { providerId = "authz-pool", bankId = "authz-bank", amount = "100.00", currency = "NGN" });
        }),
        new("POST /v1/pools/transfers", Scopes.MovementsWrite, HttpStatusCode.Created, async t =>
        {
            await t.AdminAsync(Post("/v1/banks/fundings", new { bankId = "authz-bank", amount = "1000.00", currency = "NGN" }));
            await t.AdminAsync(Post("/v1/pools/fundings", new { providerId = "authz-pool", bankId = "authz-bank", amount = "100.00", currency = "NGN" }));
            return Post("/v1/pools/transfers", new { providerId = "authz-pool", sellAmount = "100.00", sellCurrency = "NGN", buyCurrency = "USD", rate = "0.00065" });
        }),
        new("POST /v1/stablecoin/mints", Scopes.MovementsWrite, HttpStatusCode.Created, async t =>
            Post("/v1/stablecoin/mints", new { walletId = await t.WalletAsync("USDC"), network = "ethereum", amount = "5.000000", currency = "USDC", externalRef = Id("tx") })),
        new("POST /v1/stablecoin/burns", Scopes.MovementsWrite, HttpStatusCode.Created, async t =>
        {
            var wallet = await t.WalletAsync("USDC");
            await t.AdminAsync(Post("/v1/stablecoin/mints", new { walletId = wallet, network = "ethereum", amount = "5.000000", currency = "USDC", externalRef = Id("tx") }));
            return Post("/v1/stablecoin/burns", new { walletId = wallet, network = "ethereum", amount = "1.000000", currency = "USDC", externalRef = Id("tx") });
        }),
        new("POST /v1/counterparties/settlements", Scopes.MovementsWrite, HttpStatusCode.Created, async t =>
        {
            await t.AdminAsync(Post($"/v1/holds/{await t.HoldAsync()}/settle", new { counterpartyId = "authz-cp" }));
            return Post("/v1/counterparties/settlements", new { counterpartyId = "authz-cp", bankId = "authz-bank", amount = "1.00", currency = "NGN" });
        }),
        new("POST /v1/reserves/release", Scopes.MovementsWrite, HttpStatusCode.Created, async t => Post("/v1/reserves/release", new { walletId = await t.ReservedWalletAsync() })),
        new("POST /v1/reserve-policies", Scopes.Admin, HttpStatusCode.OK, async t =>
            Post("/v1/reserve-policies", new { ownerId = await t.OwnerAsync(), rateBps = 250, holdDays = 7 }, key: false)),
        new("GET /v1/reserve-policies", Scopes.ReportsRead, HttpStatusCode.OK, _ => Task.FromResult(Get("/v1/reserve-policies"))),
        // A dry run (no apply=true): the report, nothing stored.
        new("POST /v1/coa/imports", Scopes.Admin, HttpStatusCode.OK, _ => Task.FromResult(
            new Call(HttpMethod.Post, "/v1/coa/imports", null, NeedsKey: false) { Csv = Core.Seed.SeedTables.ChartOfAccounts })),
        new("POST /v1/banks/fundings", Scopes.MovementsWrite, HttpStatusCode.Created, t =>
            Task.FromResult(Post("/v1/banks/fundings", new { bankId = "authz-bank", amount = "100.00", currency = "NGN" }))),
        new("POST /v1/corrections", Scopes.CorrectionsRequest, HttpStatusCode.Accepted, async t =>
            Post("/v1/corrections", new { walletId = await t.WalletAsync(), currency = "NGN", credit = "1.00", reason = "authz table", evidence = "authz" })),
        // The admin asked for it: the key under test is another principal, so its approval is let through.
        new("POST /v1/corrections/{correctionId}/decision", Scopes.CorrectionsApprove, HttpStatusCode.Accepted, async t =>
            Post($"/v1/corrections/{await t.CorrectionAsync()}/decision", new { decision = "reject" }, key: false)),
        // Reading takes either side's scope; the table names the checker's.
        new("GET /v1/corrections/{correctionId}", Scopes.CorrectionsApprove, HttpStatusCode.OK, async t => Get($"/v1/corrections/{await t.CorrectionAsync()}")),
        new("GET /v1/corrections", Scopes.CorrectionsApprove, HttpStatusCode.OK, _ => Task.FromResult(Get("/v1/corrections"))),
        new("POST /v1/migration/opening-balances", Scopes.CutoverRun, HttpStatusCode.Created, async t =>
            Post("/v1/migration/opening-balances", new { walletId = await t.WalletAsync(), amount = "7.00", currency = "NGN", legacyRef = Id("legacy") })),
        new("POST /v1/payouts", Scopes.PayoutsWrite, HttpStatusCode.Accepted, async t => PayoutStart(await t.FundedWalletAsync())),
        // One cutover runs at a time: each row waits until the one before it has ended.
        new("POST /v1/cutovers", Scopes.CutoverRun, HttpStatusCode.Accepted, async t =>
        {
            await t.NoCutoverRunningAsync();
            return CutoverUpload();
        }),
        new("GET /v1/cutovers/{cutoverId}", Scopes.CutoverRun, HttpStatusCode.OK, async t => Get($"/v1/cutovers/{await t.EndedCutoverAsync()}")),
        new("POST /v1/cutovers/{cutoverId}/rollback", Scopes.CutoverRun, HttpStatusCode.Accepted, async t =>
            Post($"/v1/cutovers/{await t.EndedCutoverAsync()}/rollback", null, key: false)),
        new("GET /v1/payouts/{payoutId}", Scopes.PayoutsWrite, HttpStatusCode.OK, async t => Get($"/v1/payouts/{await t.PayoutAsync()}")),
        new("GET /v1/payouts/{payoutId}/history", Scopes.PayoutsWrite, HttpStatusCode.OK, async t => Get($"/v1/payouts/{await t.PayoutAsync()}/history")),
        // A payout that is not in manual review: the use case runs and refuses it (the scope let it in).
        new("POST /v1/payouts/{payoutId}/resolution", Scopes.PayoutsResolve, HttpStatusCode.Conflict, async t =>
            Post($"/v1/payouts/{await t.PayoutAsync()}/resolution", new { outcome = "settle", evidence = "statement line 1" }, key: false)),
        new("GET /v1/reports/trial-balance", Scopes.ReportsRead, HttpStatusCode.OK, _ => Task.FromResult(Get("/v1/reports/trial-balance"))),
        new("GET /v1/reports/alm", Scopes.ReportsRead, HttpStatusCode.OK, _ => Task.FromResult(Get("/v1/reports/alm"))),
        new("GET /v1/gates", Scopes.ReportsRead, HttpStatusCode.OK, _ => Task.FromResult(Get("/v1/gates"))),
        new("POST /v1/gates/run", Scopes.GatesRun, HttpStatusCode.OK, _ => Task.FromResult(Post("/v1/gates/run", null, key: false))),
        new("POST /v1/gates/acknowledge", Scopes.GatesRun, HttpStatusCode.OK, _ => Task.FromResult(Post("/v1/gates/acknowledge", new { reason = "authz table" }, key: false))),
        new("GET /openapi/{documentName}.json", null, HttpStatusCode.OK, _ => Task.FromResult(Get("/openapi/v1.json"))),
        new("GET /metrics", Scopes.MetricsRead, HttpStatusCode.OK, _ => Task.FromResult(Get("/metrics"))),
    ];

    public static TheoryData<string> Endpoints() => new(Rows.Select(r => r.Endpoint));

    [Fact]
    public void Every_endpoint_states_who_may_call_it_and_only_probes_and_the_signed_webhook_are_anonymous()
    {
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Name: $"{string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])} /{e.RoutePattern.RawText!.Trim('/')}", Endpoint: e))
            .ToList();
        var unstated = endpoints.Where(e => e.Endpoint.Metadata.GetMetadata<IAuthorizeData>() is null && e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => e.Name).ToList();
        Assert.True(unstated.Count == 0, "endpoints without an authorization policy: " + string.Join(", ", unstated));
        var anonymous = endpoints.Where(e => e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.Name).Order(StringComparer.Ordinal);
        Assert.True(Anonymous.Concat(OpsAnonymous).Order(StringComparer.Ordinal).SequenceEqual(anonymous), "anonymous: " + string.Join(", ", anonymous));
        // Every other endpoint has a row in the table below (a new endpoint without one fails here).
        var v1AndDocs = endpoints.Select(e => e.Name)
            .Where(n => !Anonymous.Contains(n) && !n.Contains("/api/ledger", StringComparison.Ordinal) && !n.Contains(" /ops", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.True(v1AndDocs.SequenceEqual(Rows.Select(r => r.Endpoint).Order(StringComparer.Ordinal)), "mapped: " + string.Join(", ", v1AndDocs));
    }

    [Fact]
    public async Task A_pay_in_is_401_anonymous_403_with_a_wallets_read_key_and_201_with_the_admin_key_and_only_that_one_moves_money()
    {
        var wallet = await WalletAsync();
        Call PayIn() => Post("/v1/payins", new { walletId = wallet, amount = "15.00", currency = "NGN", source = "banks:authz", externalRef = Id("ref") });

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(PayIn(), key: null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(PayIn(), await api.Server.NewKeyAsync(Scopes.WalletsRead))).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(PayIn(), api.AdminKey)).Status);

        var read = await SendAsync(Get($"/v1/wallets/{wallet}"), await api.Server.NewKeyAsync(Scopes.WalletsRead));
        Assert.Equal("15.00", JsonDocument.Parse(read.Body).RootElement.GetProperty("balances").GetProperty("available").GetProperty("amount").GetString());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_credentials_401_with_another_scope_403_with_its_scope_the_endpoint_answers(string endpoint)
    {
        var row = Rows.Single(r => r.Endpoint == endpoint);
        var other = row.Scope == Scopes.ReportsRead ? Scopes.WalletsWrite : Scopes.ReportsRead;
        var right = row.Scope ?? Scopes.ReportsRead;

        var anonymous = await SendAsync(await row.Make(this), key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(("application/problem+json", "unauthenticated"), (anonymous.ContentType, anonymous.Code));

        var wrongKey = await SendAsync(await row.Make(this), "wf_" + new string('A', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.Status);
        Assert.Contains("not valid", wrongKey.Detail, StringComparison.Ordinal);

        if (row.Scope is not null)
        {
            var forbidden = await SendAsync(await row.Make(this), await api.Server.NewKeyAsync(other));
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
            Assert.Equal(("application/problem+json", "forbidden"), (forbidden.ContentType, forbidden.Code));
            Assert.Contains(row.Scope, forbidden.Detail, StringComparison.Ordinal);
        }

        var allowed = await SendAsync(await row.Make(this), await api.Server.NewKeyAsync([right, .. row.AlsoNeeds]));
        Assert.True(allowed.Status == row.Success, $"{endpoint} with {right}: {(int)allowed.Status} {allowed.Body}");
    }

    // ---- what the rows need, made with the admin key ----

    private static string Id(string prefix) => ApiFixture.NewId(prefix);

    private static Call Get(string path) => new(HttpMethod.Get, path, null, NeedsKey: false);

    private static Call Post(string path, object? body, bool key = true) => new(HttpMethod.Post, path, body, key);

    private static Call PayoutStart(string wallet) => Post("/v1/payouts", new
    {
        payoutId = Id("po"), walletId = wallet, amount = "1.00", currency = "NGN", providerId = "sandbox",
        beneficiary = new { name = "Ada Obi", accountNumber = "0123456789", bankCode = "058" },
    });

    private async Task<string> WalletAsync(string currency = "NGN")
    {
        var walletId = Id("aw");
        await AdminAsync(Post("/v1/wallets", new { walletId, ownerId = "authz-owner", currency }, key: false));
        return walletId;
    }

    private async Task<string> FundedWalletAsync()
    {
        var wallet = await WalletAsync();
        await AdminAsync(Post("/v1/payins", new { walletId = wallet, amount = "1000.00", currency = "NGN", source = "banks:authz-bank", externalRef = Id("fund") }));
        return wallet;
    }

    /// <summary>A new owner of one NGN wallet (a reserve policy needs an owner some wallet belongs to).</summary>
    private async Task<string> OwnerAsync()
    {
        var owner = Id("ro");
        await AdminAsync(Post("/v1/wallets", new { walletId = Id("aw"), ownerId = owner, currency = "NGN" }, key: false));
        return owner;
    }

    /// <summary>A wallet whose owner keeps 10% in reserve for 0 days, paid 100.00.</summary>
    private async Task<string> ReservedWalletAsync()
    {
        var owner = Id("ro");
        var walletId = Id("aw");
        await AdminAsync(Post("/v1/wallets", new { walletId, ownerId = owner, currency = "NGN" }, key: false));
        await AdminAsync(Post("/v1/reserve-policies", new { ownerId = owner, rateBps = 1000, holdDays = 0 }, key: false));
        await AdminAsync(Post("/v1/payins", new { walletId, amount = "100.00", currency = "NGN", source = "banks:authz-bank", externalRef = Id("fund") }));
        return walletId;
    }

    private async Task<(string Ngn, string Usd)> FxPairAsync()
    {
        var ngn = await FundedWalletAsync();
        var usd = Id("aw");
        await AdminAsync(Post("/v1/wallets", new { walletId = usd, ownerId = "authz-owner", currency = "USD" }, key: false));
        return (ngn, usd);
    }

    private async Task<string> HoldAsync()
    {
        var holdId = Id("hold");
        await AdminAsync(Post("/v1/holds", new { walletId = await FundedWalletAsync(), amount = "2.00", currency = "NGN", holdId }));
        return holdId;
    }

    private async Task<string> PayoutAsync()
    {
        var start = PayoutStart(await FundedWalletAsync());
        await AdminAsync(start);
        return JsonSerializer.SerializeToElement(start.Body).GetProperty("payoutId").GetString()!;
    }

    /// <summary>A one-wallet balances file (a new wallet each time).</summary>
    private static Call CutoverUpload() =>
        new(HttpMethod.Post, "/v1/cutovers", null, NeedsKey: true) { Csv = $"wallet_id,owner_id,currency,balance,legacy_ref\n{Id("cw")},authz-owner,NGN,5.00,authz\n" };

    /// <summary>Until no cutover of this database is running (one runs at a time; a row's upload would be 409).</summary>
    private async Task NoCutoverRunningAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await using var command = api.Database.DataSource.CreateCommand(
                "SELECT count(*) FROM walletflow.cutovers WHERE status NOT IN ('Live', 'Failed', 'RolledBack', 'RollbackFailed')");
            if ((long)(await command.ExecuteScalarAsync(Ct))! == 0)
                return;
            Assert.True(DateTime.UtcNow < deadline, "a cutover is still running after two minutes");
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>A cutover the admin uploaded, its workflow ended (live, here).</summary>
    private async Task<string> EndedCutoverAsync()
    {
        await NoCutoverRunningAsync();
        var answer = await SendAsync(CutoverUpload(), api.AdminKey);
        Assert.True(answer.Status == HttpStatusCode.Accepted, $"arranging a cutover: {(int)answer.Status} {answer.Body}");
        await NoCutoverRunningAsync();
        return JsonDocument.Parse(answer.Body).RootElement.GetProperty("cutoverId").GetString()!;
    }

    /// <summary>A correction the admin asked for, pending approval.</summary>
    private async Task<string> CorrectionAsync()
    {
        var answer = await SendAsync(Post("/v1/corrections",
            new { walletId = await WalletAsync(), currency = "NGN", credit = "1.00", reason = "authz table", evidence = "authz" }), api.AdminKey);
        Assert.True(answer.Status == HttpStatusCode.Accepted, $"arranging a correction: {(int)answer.Status} {answer.Body}");
        return JsonDocument.Parse(answer.Body).RootElement.GetProperty("correctionId").GetString()!;
    }

    private async Task AdminAsync(Call call)
    {
        var answer = await SendAsync(call, api.AdminKey);
        Assert.True((int)answer.Status is >= 200 and < 300, $"arranging {call.Method} {call.Path}: {(int)answer.Status} {answer.Body}");
    }

    private sealed record Answer(HttpStatusCode Status, string? ContentType, string? Code, string Detail, string Body);

    private async Task<Answer> SendAsync(Call call, string? key)
    {
        using var request = new HttpRequestMessage(call.Method, call.Path);
        if (call.Body is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(call.Body), Encoding.UTF8, "application/json");
        if (call.Csv is not null)
            request.Content = new StringContent(call.Csv, Encoding.UTF8, "text/csv");
        if (call.NeedsKey)
            request.Headers.Add("Idempotency-Key", Id("key"));
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var http = new HttpClient { BaseAddress = api.Http.BaseAddress };
        using var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        string? code = null, detail = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var problem = JsonDocument.Parse(text);
            code = problem.RootElement.GetProperty("code").GetString();
            detail = problem.RootElement.GetProperty("detail").GetString();
        }
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, code, detail ?? "", text);
    }
}
