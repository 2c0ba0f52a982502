using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WalletFlow.Adapters.Payments;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Flags;
using WalletFlow.Core.Ports;
using WalletFlow.Tests.Integration.UseCases;

namespace WalletFlow.Tests.Integration.Payouts;

/// <summary>
/// The payout saga end to end over HTTP against the running host and its sandbox rail, one test per
/// scripted outcome: the ledger, the payouts row, the outbox events and the orchestration history.
/// </summary>
public sealed class PayoutSagaTests(PayoutHost host) : IClassFixture<PayoutHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> PostAsync(string path, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key ?? UseCaseFixture.NewId("key"));
        return await host.Http.SendAsync(request, Ct);
    }

    private static object Payout(string payoutId, string walletId, char lastDigit, string amount = "100.00") => new
    {
        payoutId, walletId, amount, currency = "NGN", providerId = "sandbox", fee = "1.50",
        beneficiary = new { name = "Ada Obi", accountNumber = "012345678" + lastDigit, bankCode = "058" },
    };

    private async Task<(string PayoutId, string WalletId, JsonElement Payout)> RunAsync(char lastDigit, string amount = "100.00", bool waitForEnd = true)
    {
        var wallet = await host.FundedWalletAsync("500.00");
        var payoutId = UseCaseFixture.NewId("po");
        using var started = await PostAsync("/v1/payouts", Payout(payoutId, wallet.WalletId, lastDigit, amount));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal($"/v1/payouts/{payoutId}", started.Headers.Location?.OriginalString);
        if (waitForEnd)
            await WaitAsync(payoutId);
        return (payoutId, wallet.WalletId, await GetAsync($"/v1/payouts/{payoutId}"));
    }

    [Fact]
    public async Task A_provider_callback_signed_outside_the_window_is_401_and_a_fresh_one_wakes_the_saga()
    {
        var (payoutId, _, _) = await RunAsync('5', waitForEnd: false); // ambiguous forever: the saga keeps requerying
        var body = System.Text.Encoding.UTF8.GetBytes($$"""{"payoutId":"{{payoutId}}","status":"pending"}""");

        async Task<HttpResponseMessage> CallbackAsync(TimeSpan age)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/providers/sandbox/webhook") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add(ProviderProtocol.SignatureHeader, WebhookSignature.Sign(PayoutHost.WebhookSecret, DateTimeOffset.UtcNow - age, body));
            return await host.Http.SendAsync(request, Ct);
        }

        using var replayed = await CallbackAsync(TimeSpan.FromMinutes(10));
        var problem = await replayed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal("invalid_webhook", problem.GetProperty("code").GetString());
        Assert.Contains("outside the 300 s window", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var fresh = await CallbackAsync(TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.NoContent, fresh.StatusCode);
    }

    private async Task<JsonElement> GetAsync(string path) => await host.Http.GetFromJsonAsync<JsonElement>(path, Ct);

    private async Task WaitAsync(string payoutId)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await host.Durable.WaitForInstanceCompletionAsync(payoutId, limit.Token);
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Payout {payoutId} did not finish: {await GetAsync($"/v1/payouts/{payoutId}/history")}");
        }
    }

    private async Task<JsonElement> WaitForStatusAsync(string payoutId, string status)
    {
        for (var i = 0; i < 300; i++)
        {
            var payout = await GetAsync($"/v1/payouts/{payoutId}");
            if (payout.GetProperty("status").GetString() == status && payout.GetProperty("step").GetString() == "manual-review")
                return payout;
            await Task.Delay(200, Ct);
        }
        throw new TimeoutException($"Payout {payoutId} never reached {status}: {await GetAsync($"/v1/payouts/{payoutId}/history")}");
    }

    private static string[] Steps(JsonElement history) =>
        history.GetProperty("transitions").EnumerateArray().Select(t => $"{t.GetProperty("step").GetString()}:{t.GetProperty("status").GetString()}").ToArray();

    /// <summary>The orchestration's own history as "Type" or "Type:Name", oldest first.</summary>
    private static string[] Orchestration(JsonElement history) =>
        history.GetProperty("orchestration").EnumerateArray()
            .Select(e => e.GetProperty("name").GetString() is { } name ? $"{e.GetProperty("type").GetString()}:{name}" : e.GetProperty("type").GetString()!)
            .ToArray();

    [Fact]
    public async Task Instant_success_settles_the_hold_to_clearing_and_the_fee_to_revenue()
    {
        var clearingBefore = await host.BalanceAsync(AccountAddresses.PayoutClearing("sandbox"));
        var (payoutId, walletId, payout) = await RunAsync('1');

        Assert.Equal("Settled", payout.GetProperty("status").GetString());
        Assert.Equal("Completed", payout.GetProperty("orchestration").GetString());
        Assert.Equal(50_000 - 10_150, await host.BalanceAsync(AccountAddresses.WalletMain(walletId)));
        Assert.Equal(0, await host.BalanceAsync(AccountAddresses.WalletHold(walletId, payoutId)));
        Assert.Equal(clearingBefore + 10_000, await host.BalanceAsync(AccountAddresses.PayoutClearing("sandbox")));
        var settle = await host.Get<ILedger>().FindByReferenceAsync($"payout-settle:payout:{payoutId}:settle", Ct);
        Assert.Equal(
            [new Posting(AccountAddresses.WalletHold(walletId, payoutId), AccountAddresses.PayoutClearing("sandbox"), 10_000, "NGN/2"),
             new Posting(AccountAddresses.WalletHold(walletId, payoutId), AccountAddresses.FeeRevenue, 150, "NGN/2")],
            settle!.Postings);
        // One event per fact: the money steps' events are their movements' (written with the ledger transaction).
        Assert.Equal(["PayoutRequested", "PayoutFundsHeld", "PayoutSubmitSent", "PayoutSubmitted", "PayoutSettled"], await host.OutboxEventsAsync(payoutId));
        var history = await GetAsync($"/v1/payouts/{payoutId}/history");
        Assert.Equal(["request:Requested", "hold:Held", "submit-sent:Submitting", "submit:Submitted", "settle:Settled"], Steps(history));
        // The sandbox's webhook may land as an EventRaised:ProviderStatus anywhere after the submit: it wakes nothing here.
        var orchestration = Orchestration(history);
        Assert.Equal(
            ["ExecutionStarted:PayoutSaga", "TaskScheduled:HoldPayoutActivity", "TaskCompleted", "TaskScheduled:SubmitPayoutActivity", "TaskCompleted",
             "TaskScheduled:SettlePayoutActivity", "TaskCompleted", "ExecutionCompleted"],
            orchestration.Where(e => e != "EventRaised:ProviderStatus"));
        Assert.All(history.GetProperty("orchestration").EnumerateArray(), e => Assert.True(e.GetProperty("at").GetDateTime() > DateTime.UnixEpoch));
    }

    [Fact]
    public async Task A_definitive_reject_releases_the_hold_back_to_the_wallet()
    {
        var (payoutId, walletId, payout) = await RunAsync('2');

        Assert.Equal("Released", payout.GetProperty("status").GetString());
        Assert.Equal(50_000, await host.BalanceAsync(AccountAddresses.WalletMain(walletId)));
        Assert.Equal(0, await host.BalanceAsync(AccountAddresses.WalletHold(walletId, payoutId)));
        Assert.Equal(["request:Requested", "hold:Held", "submit-sent:Submitting", "submit:Submitted", "release:Released"], Steps(await GetAsync($"/v1/payouts/{payoutId}/history")));
        Assert.Equal(["PayoutRequested", "PayoutFundsHeld", "PayoutSubmitSent", "PayoutSubmitted", "PayoutReleased"], await host.OutboxEventsAsync(payoutId));
    }

    [Fact]
    public async Task Pending_then_success_settles_after_requery_with_durable_timers()
    {
        var (payoutId, _, payout) = await RunAsync('3');

        Assert.Equal("Settled", payout.GetProperty("status").GetString());
        var history = await GetAsync($"/v1/payouts/{payoutId}/history");
        Assert.Contains("submit:Pending", Steps(history));
        Assert.Contains("requery-1:Pending", Steps(history));
        var orchestration = Orchestration(history);
        Assert.Contains("TimerCreated", orchestration);
        Assert.Contains("TimerFired", orchestration);
        Assert.Contains("TaskScheduled:QueryPayoutActivity", orchestration);
        // The sandbox settles on a requery, so a wait before it ended by its timer (a webhook may cut another wait short).
        Assert.True(Array.IndexOf(orchestration, "TimerFired") < Array.IndexOf(orchestration, "TaskScheduled:SettlePayoutActivity"), string.Join(", ", orchestration));
        Assert.Contains("TaskScheduled:SettlePayoutActivity", orchestration);
        Assert.Equal("ExecutionCompleted", orchestration[^1]);
    }

    [Fact]
    public async Task Pending_then_failure_releases_after_requery()
    {
        var (_, walletId, payout) = await RunAsync('4');

        Assert.Equal("Released", payout.GetProperty("status").GetString());
        Assert.True(payout.GetProperty("requeries").GetInt32() >= 1);
        Assert.Equal(50_000, await host.BalanceAsync(AccountAddresses.WalletMain(walletId)));
    }

    [Theory]
    [InlineData("settle", "Settled", 50_000 - 10_150)]
    [InlineData("release", "Released", 50_000)]
    public async Task Ambiguous_forever_dead_letters_into_manual_review_and_the_operators_resolution_ends_it(string outcome, string final, long walletAfter)
    {
        var (payoutId, walletId, _) = await RunAsync('5', waitForEnd: false);
        var review = await WaitForStatusAsync(payoutId, "ManualReview");
        Assert.Equal(40_000 - 150, await host.BalanceAsync(AccountAddresses.WalletMain(walletId))); // still held: never released while unknown
        Assert.Contains("PayoutDeadLettered", await host.OutboxEventsAsync(payoutId));
        Assert.Equal("Running", review.GetProperty("orchestration").GetString());

        using var bad = await PostAsync($"/v1/payouts/{payoutId}/resolution", new { outcome = "maybe", evidence = "x", actor = "ops-1" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var resolved = await PostAsync($"/v1/payouts/{payoutId}/resolution", new { outcome, evidence = "bank statement line 42", actor = "ops-1" });
        Assert.Equal(HttpStatusCode.Accepted, resolved.StatusCode);
        await WaitAsync(payoutId);

        var payout = await GetAsync($"/v1/payouts/{payoutId}");
        Assert.Equal(final, payout.GetProperty("status").GetString());
        // The actor is the signed-in client (the host's admin key), never the body's "actor".
        Assert.Contains("by client:", payout.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ops-1", payout.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(walletAfter, await host.BalanceAsync(AccountAddresses.WalletMain(walletId)));
        var history = await GetAsync($"/v1/payouts/{payoutId}/history");
        Assert.Contains("dead-letter:ManualReview", Steps(history));
        var orchestration = Orchestration(history);
        Assert.Contains("TaskScheduled:DeadLetterPayoutActivity", orchestration);
        Assert.Contains("EventRaised:ManualResolution", orchestration);
        Assert.True(Array.IndexOf(orchestration, "TaskScheduled:DeadLetterPayoutActivity") < Array.IndexOf(orchestration, "EventRaised:ManualResolution"));
        Assert.Contains(outcome == "settle" ? "TaskScheduled:SettlePayoutActivity" : "TaskScheduled:ReleasePayoutActivity", orchestration);
        Assert.Equal("ExecutionCompleted", orchestration[^1]);
    }

    [Fact]
    public async Task Insufficient_funds_is_rejected_with_no_hold_and_no_provider_call()
    {
        var (payoutId, walletId, payout) = await RunAsync('1', amount: "600.00");

        Assert.Equal("Rejected", payout.GetProperty("status").GetString());
        Assert.Equal(50_000, await host.BalanceAsync(AccountAddresses.WalletMain(walletId)));
        Assert.Equal(["PayoutRequested", "PayoutRejected"], await host.OutboxEventsAsync(payoutId));
        Assert.Equal(["request:Requested", "hold:Rejected"], Steps(await GetAsync($"/v1/payouts/{payoutId}/history")));
    }

    [Fact]
    public async Task The_same_payout_id_again_is_the_same_saga_and_a_different_request_under_it_is_a_conflict()
    {
        var wallet = await host.FundedWalletAsync("500.00");
        var payoutId = UseCaseFixture.NewId("po");
        using var first = await PostAsync("/v1/payouts", Payout(payoutId, wallet.WalletId, '1'));
        using var again = await PostAsync("/v1/payouts", Payout(payoutId, wallet.WalletId, '1'));
        using var other = await PostAsync("/v1/payouts", Payout(payoutId, wallet.WalletId, '1', amount: "99.00"));
        await WaitAsync(payoutId);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(50_000 - 10_150, await host.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));
        Assert.Single(await host.OutboxEventsAsync(payoutId), e => e == "PayoutFundsHeld");
    }

    [Fact]
    public async Task While_payouts_are_paused_a_new_payout_is_409_with_the_reason_and_after_acknowledgement_payouts_start_again()
    {
        var wallet = await host.FundedWalletAsync("500.00");
        await host.Get<IFeatureFlags>().SetAsync(FeatureFlagNames.PayoutsPaused, true, "books-foot failed in run 42", "gates", Ct);
        var payoutId = UseCaseFixture.NewId("po");
        try
        {
            using var paused = await PostAsync("/v1/payouts", Payout(payoutId, wallet.WalletId, '1'));
            Assert.Equal(HttpStatusCode.Conflict, paused.StatusCode);
            var problem = await paused.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("payouts_paused", problem.GetProperty("code").GetString());
            Assert.Contains("books-foot failed in run 42", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Null(await host.Get<IPayoutStore>().FindAsync(payoutId, Ct));

            using var acknowledged = await host.Http.PostAsJsonAsync("/v1/gates/acknowledge", new { actor = "ops-1", reason = "ledger repaired" }, Ct);
            Assert.True(acknowledged.IsSuccessStatusCode, await acknowledged.Content.ReadAsStringAsync(Ct));
        }
        finally
        {
            await host.Get<IFeatureFlags>().SetAsync(FeatureFlagNames.PayoutsPaused, false, "test cleanup", "test", CancellationToken.None);
        }

        using var started = await PostAsync("/v1/payouts", Payout(payoutId, wallet.WalletId, '1'));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await WaitAsync(payoutId);
        Assert.Equal("Settled", (await GetAsync($"/v1/payouts/{payoutId}")).GetProperty("status").GetString());
    }
}
