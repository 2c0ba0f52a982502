using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Telemetry;

/// <summary>
/// The real <c>walletflow</c> executable in a process of its own (so its /metrics counts nothing but this
/// run), over a fresh database, with JSON logs; a scripted set of movements and payouts over HTTP; then one
/// scrape of <c>/metrics</c>, once every payout has ended and the outbox is drained.
/// </summary>
public sealed class TelemetryRun(PostgresServer postgres) : IAsyncLifetime
{
    private readonly FreshDatabase _database = new(postgres);
    private readonly string _directory = Directory.CreateTempSubdirectory("walletflow-telemetry-").FullName;
    private WalletFlowProcess _process = null!;

    /// <summary>The scrape, after the script.</summary>
    public PrometheusScrape Scrape { get; private set; } = null!;

    /// <summary>The process's output (JSON log lines).</summary>
    public string Output => _process.Output;

    public static readonly string[] PayoutIds = ["po-tel-paid", "po-tel-refused", "po-tel-later", "po-tel-broke"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        var port = WalletFlowProcess.FreeLoopbackPort();
        var keyFile = Path.Combine(_directory, "admin.key");
        _process = WalletFlowProcess.Start(_directory, new Dictionary<string, string>
        {
            ["ConnectionStrings__WalletFlow"] = _database.ConnectionString,
            ["Identity__AdminKeyPath"] = keyFile,
            ["Logging__Format"] = "json",
            ["Payments__Sandbox__Enabled"] = "true",
            ["Payments__Sandbox__SettleAfterQueries"] = "2",
            ["Payouts__FirstRequeryDelay"] = "00:00:00.500",
            ["Payouts__MaxRequeryDelay"] = "00:00:01",
            ["Outbox__PollMilliseconds"] = "100",
        }, "--urls", $"http://127.0.0.1:{port}");
        await _process.WaitForOutputAsync("walletflow listening on", TimeSpan.FromSeconds(120));
        await _process.WaitForOutputAsync("Gate run", TimeSpan.FromSeconds(60)); // the start-up run, counted below

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await File.ReadAllTextAsync(keyFile, Ct)).Trim());
        await RunScriptAsync(http);
        Scrape = PrometheusScrape.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct));
    }

    // Every call's answer is checked, so the counts below follow from what was sent, not from what happened to work.
    private static async Task RunScriptAsync(HttpClient http)
    {
        await Expect(http, HttpStatusCode.Created, "/v1/wallets", new { walletId = "tel-a", ownerId = "tel-owner", currency = "NGN" });
        await Expect(http, HttpStatusCode.Created, "/v1/wallets", new { walletId = "tel-b", ownerId = "tel-owner", currency = "NGN" });
        var payIn = new { walletId = "tel-a", amount = "1000.00", currency = "NGN", source = "banks:tel", externalRef = "tel-1" };
        await Expect(http, HttpStatusCode.Created, "/v1/payins", payIn, "tel-payin");                  // pay-in posted
        await Expect(http, HttpStatusCode.Created, "/v1/payins", payIn, "tel-payin");                  // pay-in replayed
        await Expect(http, HttpStatusCode.Conflict, "/v1/payins", payIn with { amount = "2.00" }, "tel-payin"); // pay-in rejected: idempotency_conflict
        await Expect(http, HttpStatusCode.Created, "/v1/transfers", new { fromWalletId = "tel-a", toWalletId = "tel-b", amount = "10.00", currency = "NGN" }, "tel-t1");
        await Expect(http, HttpStatusCode.Created, "/v1/transfers", new { fromWalletId = "tel-a", toWalletId = "tel-b", amount = "10.00", currency = "NGN" }, "tel-t2");
        await Expect(http, HttpStatusCode.UnprocessableEntity, "/v1/transfers",                        // transfer rejected: insufficient_funds
            new { fromWalletId = "tel-a", toWalletId = "tel-b", amount = "1000000.00", currency = "NGN" }, "tel-t3");
        await Expect(http, HttpStatusCode.BadRequest, "/v1/transfers",                                 // refused before any movement
            new { fromWalletId = "tel-a", toWalletId = "tel-b", amount = "ten", currency = "NGN" }, "tel-t4");

        // Sandbox digits: 1 paid at once, 2 refused (released), 3 pending then paid on the second requery;
        // the fourth is more than the wallet holds (980.00 - 3 × 101.50): its hold is refused.
        (string Id, string Amount, char Digit)[] payouts = [(PayoutIds[0], "100.00", '1'), (PayoutIds[1], "100.00", '2'), (PayoutIds[2], "100.00", '3'), (PayoutIds[3], "5000.00", '1')];
        foreach (var (id, amount, digit) in payouts)
        {
            await Expect(http, HttpStatusCode.Accepted, "/v1/payouts", new
            {
                payoutId = id, walletId = "tel-a", amount, currency = "NGN", providerId = "sandbox", fee = "1.50",
                beneficiary = new { name = "Ada Obi", accountNumber = "012345678" + digit, bankCode = "058" },
            }, "key-" + id);
        }
        string[] ends = ["Settled", "Released", "Settled", "Rejected"];
        for (var i = 0; i < payouts.Length; i++)
        {
            while ((await http.GetFromJsonAsync<JsonElement>($"/v1/payouts/{payouts[i].Id}", Ct)).GetProperty("status").GetString() != ends[i])
                await Task.Delay(200, Ct); // not a timing assertion: cancelled with the test
        }
        using (var run = await http.PostAsync(new Uri("/v1/gates/run", UriKind.Relative), null, Ct))
            Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync(Ct));

        // The outbox relay publishes every event before the scrape (the gauge reads 0 then).
        while (PrometheusScrape.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct))
               .Value("walletflow_outbox_oldest_unpublished_age_seconds") is not 0)
            await Task.Delay(200, Ct);
    }

    private static async Task Expect(HttpClient http, HttpStatusCode status, string path, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request, Ct);
        Assert.True(response.StatusCode == status,
            $"{path} answered {(int)response.StatusCode}, not {(int)status}: {await response.Content.ReadAsStringAsync(Ct)}");
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
