using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Wallets;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Infrastructure;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.Gates;

/// <summary>/v1/reports and /v1/gates over real HTTP on loopback, on a host with a database of its own.</summary>
public sealed class GatesHttpApiTests(FreshDatabase database) : IClassFixture<FreshDatabase>, IAsyncLifetime
{
    private WalletFlowServer _server = null!;
    private HttpClient _http = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // No start-up run: the tests count the runs they make.
        _server = await WalletFlowServer.StartAsync(["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={database.ConnectionString}", "--Gates:RunOnStartup=false"], Ct);
        _http = await _server.AdminClientAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
            request.Content = JsonContent.Create(body);
        using var response = await _http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<string> PaidWalletAsync()
    {
        var services = _server.Services;
        var wallet = await services.GetRequiredService<OpenWallet>().RunAsync(new OpenWalletRequest(NewId("w"), NewId("owner"), "NGN"), Ct);
        var paid = await services.GetRequiredService<PayIn>().RunAsync(new PayInRequest(Key(), wallet.Value.Wallet.WalletId, "1500.00", "NGN", "banks:gtbank", "ext", "15.00"), Ct);
        Assert.True(paid.IsSuccess, paid.ToString());
        return wallet.Value.Wallet.WalletId;
    }

    [Fact]
    public async Task Gates_run_list_break_pause_and_acknowledge_over_HTTP()
    {
        var wallet = await PaidWalletAsync();

        var (status, run, _) = await SendAsync(HttpMethod.Post, "/v1/gates/run");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(run.GetProperty("passed").GetBoolean(), run.ToString());
        Assert.True(Guid.TryParse(run.GetProperty("runId").GetString(), out _));
        Assert.True(run.TryGetProperty("at", out _));
        Assert.Equal(["books-foot", "holds-match", "statements-match", "coa-coverage"],
            run.GetProperty("gates").EnumerateArray().Select(g => g.GetProperty("gate").GetString()));
        Assert.All(run.GetProperty("gates").EnumerateArray(), g =>
        {
            Assert.True(g.GetProperty("passed").GetBoolean());
            Assert.Equal(0, g.GetProperty("details").GetArrayLength());
        });

        await using (var db = NpgsqlDataSource.Create(database.ConnectionString))
            await GateBreakers.InsertOrphanHoldAsync(db, wallet, "httporphan");
        var (_, failed, _) = await SendAsync(HttpMethod.Post, "/v1/gates/run");
        Assert.False(failed.GetProperty("passed").GetBoolean());
        var holds = failed.GetProperty("gates")[1];
        Assert.Equal("holds-match", holds.GetProperty("gate").GetString());
        Assert.False(holds.GetProperty("passed").GetBoolean());
        Assert.Contains("httporphan", holds.GetProperty("details")[0].GetString(), StringComparison.Ordinal);

        var (listed, gates, _) = await SendAsync(HttpMethod.Get, "/v1/gates");
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal(failed.GetProperty("runId").GetString(), gates.GetProperty("latest").GetProperty("runId").GetString());
        Assert.Equal([failed.GetProperty("runId").GetString(), run.GetProperty("runId").GetString()],
            gates.GetProperty("history").EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
        var paused = gates.GetProperty("payoutsPaused");
        Assert.True(paused.GetProperty("enabled").GetBoolean());
        Assert.Contains("holds-match failed", paused.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var (bad, problem, contentType) = await SendAsync(HttpMethod.Post, "/v1/gates/acknowledge", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(("invalid_request", "reason"), (problem.GetProperty("code").GetString(), problem.GetProperty("errors").EnumerateObject().Single().Name));

        // The actor is the authenticated client, whatever the body claims.
        var (ok, flag, _) = await SendAsync(HttpMethod.Post, "/v1/gates/acknowledge", new { actor = "ops.bob", reason = "orphan row explained" });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.False(flag.GetProperty("enabled").GetBoolean());
        Assert.StartsWith("client:tests-", flag.GetProperty("updatedBy").GetString(), StringComparison.Ordinal);
        var (_, after, _) = await SendAsync(HttpMethod.Get, "/v1/gates");
        Assert.False(after.GetProperty("payoutsPaused").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Reports_give_the_trial_balance_now_and_as_of_a_point_and_the_ALM_view()
    {
        var (_, before, _) = await SendAsync(HttpMethod.Get, "/v1/reports/trial-balance");
        await PaidWalletAsync();

        var (status, trial, _) = await SendAsync(HttpMethod.Get, "/v1/reports/trial-balance");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(trial.GetProperty("foots").GetBoolean());
        var ngn = trial.GetProperty("assets").EnumerateArray().Single(a => a.GetProperty("asset").GetString() == "NGN/2");
        Assert.True(ngn.GetProperty("foots").GetBoolean());
        Assert.Equal(ngn.GetProperty("totalDebit").GetProperty("minor").GetString(), ngn.GetProperty("totalCredit").GetProperty("minor").GetString());
        var bank = ngn.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("glCode").GetString() == "1000");
        Assert.Equal("Cash at banks", bank.GetProperty("name").GetString());
        Assert.EndsWith("00.00", bank.GetProperty("debit").GetProperty("amount").GetString(), StringComparison.Ordinal);

        // As of the moment before this test's pay-in: the books as the first report saw them.
        var (pastStatus, past, _) = await SendAsync(HttpMethod.Get, "/v1/reports/trial-balance?asOf=2000-01-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.OK, pastStatus);
        Assert.Equal(0, past.GetProperty("assets").GetArrayLength());
        Assert.Equal("2000-01-01T00:00:00.0000000+00:00", past.GetProperty("asOf").GetString());
        Assert.Equal(before.GetProperty("coaVersion").GetInt32(), trial.GetProperty("coaVersion").GetInt32());

        var (badStatus, bad, badType) = await SendAsync(HttpMethod.Get, "/v1/reports/trial-balance?asOf=yesterday");
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (badStatus, badType));
        Assert.Equal(("invalid_request", "asOf"), (bad.GetProperty("code").GetString(), bad.GetProperty("errors").EnumerateObject().Single().Name));
        var (missing, notFound, _) = await SendAsync(HttpMethod.Get, "/v1/reports/trial-balance?asOf=987654321");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("not_found", notFound.GetProperty("code").GetString());

        var (almStatus, alm, _) = await SendAsync(HttpMethod.Get, "/v1/reports/alm");
        Assert.Equal(HttpStatusCode.OK, almStatus);
        var position = alm.GetProperty("currencies").EnumerateArray().Single(c => c.GetProperty("currency").GetString() == "NGN");
        var liabilities = long.Parse(position.GetProperty("liabilities").GetProperty("total").GetProperty("minor").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var assets = long.Parse(position.GetProperty("assets").GetProperty("total").GetProperty("minor").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(liabilities > 0);
        Assert.Equal(Math.Round((decimal)assets / liabilities, 6), position.GetProperty("coverage").GetDecimal());
        Assert.Equal("0.00", position.GetProperty("liabilities").GetProperty("components").GetProperty("holds").GetProperty("amount").GetString());
    }
}
