using System.Net;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Core.Corrections;
using WalletFlow.Tests.Integration.Api;

namespace WalletFlow.Tests.Integration.Corrections;

/// <summary>
/// Maker/checker corrections end to end over HTTP (design.md §7): a request waits in its workflow for a
/// different principal's decision; an approval posts exactly once, a rejection or an expiry posts nothing,
/// and the wait survives a restart of the host.
/// </summary>
public sealed class CorrectionWorkflowTests(CorrectionHost host) : IClassFixture<CorrectionHost>
{
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Get = HttpMethod.Get;

    private static Task<ApiAnswer> Send(HttpClient client, HttpMethod method, string path, object? body = null, string? key = null) =>
        CorrectionHost.SendAsync(client, method, path, body, key);

    private static string IdOf(ApiAnswer answer) => answer.Body.GetProperty("correctionId").GetString()!;

    private Task<long> PostingsOfAsync(string correctionId) =>
        host.CountAsync("SELECT count(*) FROM walletflow.commands WHERE idempotency_key = $1", CorrectionNames.PostingKey(correctionId));

    [Fact]
    public async Task An_approved_adjustment_posts_once_and_a_replayed_decision_changes_nothing()
    {
        var (walletId, _) = await host.FundedWalletAsync("10.00");
        var key = ApiFixture.NewId("key");
        var body = new { walletId, currency = "NGN", credit = "2.50", reason = "fee charged twice", evidence = "ticket OPS-1" };

        var requested = await Send(host.Maker, Post, "/v1/corrections", body, key);
        Assert.True(requested.Status == HttpStatusCode.Accepted, requested.ToString());
        Assert.Equal("PendingApproval", requested.Body.GetProperty("status").GetString());
        var id = IdOf(requested);
        Assert.Equal($"/v1/corrections/{id}", requested.Body.GetProperty("statusUrl").GetString());
        // A replay of the request is the same correction; nothing is posted before a decision.
        Assert.Equal(id, IdOf(await Send(host.Maker, Post, "/v1/corrections", body, key)));
        Assert.Equal(1_000, await host.AvailableAsync(walletId));

        var approved = await Send(host.Checker, Post, $"/v1/corrections/{id}/decision", new { decision = "approve", comment = "checked the statement" });
        Assert.True(approved.Status == HttpStatusCode.Accepted, approved.ToString());
        var posted = await host.WaitForStatusAsync(id, "Posted", "Refused");
        Assert.Equal("Posted", posted.GetProperty("status").GetString());
        Assert.Equal(1_250, await host.AvailableAsync(walletId));
        Assert.Equal(1, await PostingsOfAsync(id));
        Assert.Equal(["PendingApproval", "Approved", "Posted"],
            posted.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("status").GetString()));

        // The same decision again: answered, nothing moves; another decision: a conflict.
        var replay = await Send(host.Checker, Post, $"/v1/corrections/{id}/decision", new { decision = "approve" });
        Assert.True(replay.Status == HttpStatusCode.Accepted, replay.ToString());
        Assert.Equal("Posted", replay.Body.GetProperty("status").GetString());
        var other = await Send(host.Checker, Post, $"/v1/corrections/{id}/decision", new { decision = "reject" });
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Equal("state_conflict", other.Code);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(1, await PostingsOfAsync(id));
        Assert.Equal(1_250, await host.AvailableAsync(walletId));
        Assert.Equal(["CorrectionRequested", "CorrectionApproved", "CorrectionPosted"], await host.EventsAsync(id));
    }

    [Fact]
    public async Task The_maker_cannot_decide_their_own_correction_even_holding_the_approve_scope()
    {
        var (walletId, _) = await host.FundedWalletAsync("10.00");
        var requested = await Send(host.MakerWhoMayApprove, Post, "/v1/corrections",
            new { walletId, currency = "NGN", debit = "1.00", reason = "duplicate credit", evidence = "ticket OPS-2" }, ApiFixture.NewId("key"));
        Assert.True(requested.Status == HttpStatusCode.Accepted, requested.ToString());
        var id = IdOf(requested);

        foreach (var decision in new[] { "approve", "reject" })
        {
            var own = await Send(host.MakerWhoMayApprove, Post, $"/v1/corrections/{id}/decision", new { decision });
            Assert.Equal(HttpStatusCode.Forbidden, own.Status);
            Assert.Equal("forbidden", own.Code);
            Assert.Contains("different principal", own.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        // A key with only corrections:request cannot decide at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(host.Maker, Post, $"/v1/corrections/{id}/decision", new { decision = "approve" })).Status);
        var still = await Send(host.Checker, Get, $"/v1/corrections/{id}");
        Assert.Equal("PendingApproval", still.Body.GetProperty("status").GetString());
        Assert.Equal(0, await PostingsOfAsync(id));
    }

    [Fact]
    public async Task A_rejected_correction_posts_nothing()
    {
        var (walletId, _) = await host.FundedWalletAsync("10.00");
        var id = IdOf(await Send(host.Maker, Post, "/v1/corrections",
            new { walletId, currency = "NGN", credit = "5.00", reason = "goodwill", evidence = "none really" }, ApiFixture.NewId("key")));

        var rejected = await Send(host.Checker, Post, $"/v1/corrections/{id}/decision", new { decision = "reject", comment = "no evidence" });
        Assert.True(rejected.Status == HttpStatusCode.Accepted, rejected.ToString());
        var done = await host.WaitForStatusAsync(id, "Rejected");
        Assert.Equal("no evidence", done.GetProperty("comment").GetString());
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(0, await PostingsOfAsync(id));
        Assert.Equal(1_000, await host.AvailableAsync(walletId));
        Assert.Equal(["CorrectionRequested", "CorrectionRejected"], await host.EventsAsync(id));
        // Its workflow concluded (it completes when its deadline timer fires: DurableTask.Core keeps an instance with an open timer Running).
        var durable = host.Server.Services.GetRequiredService<DurableTaskClient>();
        OrchestrationMetadata? instance = null;
        for (var tries = 0; tries < 100 && instance?.SerializedCustomStatus?.Contains("concluded", StringComparison.Ordinal) != true; tries++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            instance = await durable.GetInstanceAsync(id, getInputsAndOutputs: true, TestContext.Current.CancellationToken);
        }
        Assert.Equal("""{"step":"concluded","status":"Rejected"}""", instance?.SerializedCustomStatus);
    }

    [Fact]
    public async Task A_reversal_posts_every_posting_swapped_and_a_second_reversal_of_it_is_refused_with_the_reason()
    {
        var (walletId, payIn) = await host.FundedWalletAsync("10.00");
        var first = IdOf(await Send(host.Maker, Post, "/v1/corrections",
            new { reverseTransactionId = payIn, reason = "pay-in credited to the wrong wallet", evidence = "bank statement line 7" }, ApiFixture.NewId("key")));
        // While it is pending, a second request to reverse the same transaction is refused outright.
        var duplicate = await Send(host.Maker, Post, "/v1/corrections",
            new { reverseTransactionId = payIn, reason = "again", evidence = "same" }, ApiFixture.NewId("key"));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);

        await Send(host.Checker, Post, $"/v1/corrections/{first}/decision", new { decision = "approve" });
        var posted = await host.WaitForStatusAsync(first, "Posted", "Refused");
        Assert.True(posted.GetProperty("status").GetString() == "Posted", posted.ToString());
        Assert.Equal(0, await host.AvailableAsync(walletId));

        // Once posted, another reversal of the same transaction may be asked for, and the ledger refuses it at approval.
        var second = IdOf(await Send(host.Maker, Post, "/v1/corrections",
            new { reverseTransactionId = payIn, reason = "reverse it again", evidence = "mistake" }, ApiFixture.NewId("key")));
        await Send(host.Checker, Post, $"/v1/corrections/{second}/decision", new { decision = "approve" });
        var refused = await host.WaitForStatusAsync(second, "Posted", "Refused");
        Assert.Equal("Refused", refused.GetProperty("status").GetString());
        Assert.Contains("already reversed", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await PostingsOfAsync(second));
        Assert.Equal(0, await host.AvailableAsync(walletId));
    }

    [Fact]
    public async Task A_reversal_that_would_overdraw_a_wallet_now_is_refused_at_approval()
    {
        var (from, _) = await host.FundedWalletAsync("10.00");
        var (to, _) = await host.FundedWalletAsync("1.00");
        var transfer = await CorrectionHost.SendAsync(host.Admin, Post, "/v1/transfers",
            new { fromWalletId = from, toWalletId = to, amount = "5.00", currency = "NGN" }, ApiFixture.NewId("key"));
        Assert.True(transfer.Status == HttpStatusCode.Created, transfer.ToString());
        // The receiver spends what it was sent.
        var spent = await CorrectionHost.SendAsync(host.Admin, Post, "/v1/transfers",
            new { fromWalletId = to, toWalletId = from, amount = "6.00", currency = "NGN" }, ApiFixture.NewId("key"));
        Assert.True(spent.Status == HttpStatusCode.Created, spent.ToString());

        var id = IdOf(await Send(host.Maker, Post, "/v1/corrections",
            new { reverseTransactionId = transfer.Body.GetProperty("transactionId").GetInt64(), reason = "sent in error", evidence = "customer call" }, ApiFixture.NewId("key")));
        await Send(host.Checker, Post, $"/v1/corrections/{id}/decision", new { decision = "approve" });
        var refused = await host.WaitForStatusAsync(id, "Posted", "Refused");
        Assert.Equal("Refused", refused.GetProperty("status").GetString());
        Assert.Contains(to, refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await host.AvailableAsync(to));
        Assert.Equal(1_100, await host.AvailableAsync(from));
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_the_field_and_write_nothing()
    {
        var (walletId, payIn) = await host.FundedWalletAsync("10.00");
        var before = await host.CountAsync("SELECT count(*) FROM walletflow.corrections");
        (object Body, HttpStatusCode Status, string Field)[] cases =
        [
            (new { walletId, currency = "NGN", credit = "1.00", reason = "no evidence" }, HttpStatusCode.BadRequest, "evidence"),
            (new { walletId, currency = "NGN", reason = "nothing", evidence = "e" }, HttpStatusCode.BadRequest, "credit"),
            (new { walletId, currency = "NGN", credit = "1.001", reason = "r", evidence = "e" }, HttpStatusCode.BadRequest, "credit"),
            (new { walletId = "no-such-wallet", currency = "NGN", credit = "1.00", reason = "r", evidence = "e" }, HttpStatusCode.UnprocessableEntity, "walletId"),
            (new { walletId, currency = "USD", credit = "1.00", reason = "r", evidence = "e" }, HttpStatusCode.UnprocessableEntity, "currency"),
            (new { reverseTransactionId = payIn, walletId, reason = "r", evidence = "e" }, HttpStatusCode.BadRequest, "reverseTransactionId"),
            (new { reverseTransactionId = 999_999_999L, reason = "r", evidence = "e" }, HttpStatusCode.UnprocessableEntity, "reverseTransactionId"),
        ];
        foreach (var (body, status, field) in cases)
        {
            var refused = await Send(host.Maker, Post, "/v1/corrections", body, ApiFixture.NewId("key"));
            Assert.True(refused.Status == status, $"{JsonSerializer.Serialize(body)} → {refused}");
            Assert.Contains(field, refused.ErrorFields);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(host.Maker, Post, "/v1/corrections", new { walletId, currency = "NGN", credit = "1.00", reason = "r", evidence = "e" })).Status);
        Assert.Equal(before, await host.CountAsync("SELECT count(*) FROM walletflow.corrections"));
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(host.Checker, Get, "/v1/corrections?status=Whatever")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(host.Checker, Post, "/v1/corrections/cor_nope/decision", new { decision = "approve" })).Status);
    }

    [Fact]
    public async Task Lists_filter_by_status()
    {
        var (walletId, _) = await host.FundedWalletAsync("10.00");
        var id = IdOf(await Send(host.Maker, Post, "/v1/corrections",
            new { walletId, currency = "NGN", credit = "1.00", reason = "listed", evidence = "e" }, ApiFixture.NewId("key")));
        var pending = await Send(host.Maker, Get, "/v1/corrections?status=PendingApproval");
        Assert.Contains(id, pending.Body.EnumerateArray().Select(c => c.GetProperty("correctionId").GetString()));
        Assert.All(pending.Body.EnumerateArray(), c => Assert.Equal("PendingApproval", c.GetProperty("status").GetString()));
        var rejected = await Send(host.Checker, Get, "/v1/corrections?status=Rejected");
        Assert.DoesNotContain(id, rejected.Body.EnumerateArray().Select(c => c.GetProperty("correctionId").GetString()));
    }
}
