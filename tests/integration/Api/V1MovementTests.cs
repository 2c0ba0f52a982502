using System.Net;
using System.Text.Json;
using static WalletFlow.Tests.Integration.Api.ApiFixture;

namespace WalletFlow.Tests.Integration.Api;

/// <summary>The v1 API's money movements over real HTTP: exact postings, balances, replays, duplicates.</summary>
public sealed class V1MovementTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static (string Source, string Destination, string Asset, string AmountMinor, string Amount, string Currency) Posting(JsonElement p) =>
        (p.GetProperty("source").GetString()!, p.GetProperty("destination").GetString()!, p.GetProperty("asset").GetString()!,
         p.GetProperty("amountMinor").GetString()!, p.GetProperty("amount").GetString()!, p.GetProperty("currency").GetString()!);

    private static (string Available, string Held, string Reserve) Balances(ApiAnswer wallet)
    {
        var balances = wallet.Body.GetProperty("balances");
        return (balances.GetProperty("available").GetProperty("amount").GetString()!,
                balances.GetProperty("held").GetProperty("amount").GetString()!,
                balances.GetProperty("reserve").GetProperty("amount").GetString()!);
    }

    [Fact]
    public async Task Open_pay_in_and_transfer_answer_the_exact_postings_and_the_wallets_show_the_balances()
    {
        var alice = await api.OpenWalletAsync();
        var bob = await api.OpenWalletAsync();
        var bank = NewId("bank");

        var paid = await api.PostAsync("/v1/payins",
            new { walletId = alice, amount = "1500.00", currency = "NGN", source = $"banks:{bank}", externalRef = "ext-1", fee = "15.00" }, NewId("key"));

        Assert.True(paid.Status == HttpStatusCode.Created, paid.ToString());
        Assert.Equal("pay-in", paid.Body.GetProperty("operation").GetString());
        Assert.Equal(
            [($"banks:{bank}:NGN", $"wallets:{alice}:main", "NGN/2", "150000", "1500.00", "NGN"),
             ($"wallets:{alice}:main", "revenue:fees", "NGN/2", "1500", "15.00", "NGN")],
            paid.Body.GetProperty("postings").EnumerateArray().Select(Posting));
        Assert.Equal("ext-1", paid.Body.GetProperty("attributes").GetProperty("externalRef").GetString());

        var moved = await api.PostAsync("/v1/transfers",
            new { fromWalletId = alice, toWalletId = bob, amount = "400.50", currency = "NGN", fee = "1.50" }, NewId("key"));

        Assert.True(moved.Status == HttpStatusCode.Created, moved.ToString());
        Assert.Equal(
            [($"wallets:{alice}:main", $"wallets:{bob}:main", "NGN/2", "40050", "400.50", "NGN"),
             ($"wallets:{alice}:main", "revenue:fees", "NGN/2", "150", "1.50", "NGN")],
            moved.Body.GetProperty("postings").EnumerateArray().Select(Posting));
        Assert.True(moved.Body.GetProperty("transactionId").GetInt64() > paid.Body.GetProperty("transactionId").GetInt64());
        Assert.StartsWith("cmd_", moved.Body.GetProperty("commandId").GetString(), StringComparison.Ordinal);

        var aliceNow = await api.GetAsync($"/v1/wallets/{alice}");
        Assert.Equal(HttpStatusCode.OK, aliceNow.Status);
        Assert.Equal(("1083.00", "0.00", "0.00"), Balances(aliceNow));
        Assert.Equal("108300", aliceNow.Body.GetProperty("balances").GetProperty("available").GetProperty("amountMinor").GetString());
        Assert.Equal(("400.50", "0.00", "0.00"), Balances(await api.GetAsync($"/v1/wallets/{bob}")));

        var listed = await api.GetAsync($"/v1/wallets/{alice}/transactions");
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Equal(
            [moved.Body.GetProperty("transactionId").GetInt64(), paid.Body.GetProperty("transactionId").GetInt64()],
            listed.Body.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("transactionId").GetInt64()));
        Assert.Equal(["transfer", "pay-in"], listed.Body.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("operation").GetString()));
        Assert.False(listed.Body.GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task Wallet_transactions_page_newest_first_and_the_cursor_never_leaves_the_wallet()
    {
        var wallet = await api.OpenWalletAsync();
        var other = await api.FundedWalletAsync("1.00");
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var paid = await api.PostAsync("/v1/payins", new { walletId = wallet, amount = $"{i + 1}.00", currency = "NGN", source = "pools:gps", externalRef = $"p{i}" }, NewId("key"));
            ids.Add(paid.Body.GetProperty("transactionId").GetInt64());
        }
        ids.Reverse();

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await api.GetAsync($"/v1/wallets/{wallet}/transactions?pageSize=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.True(page.Status == HttpStatusCode.OK, page.ToString());
            seen.AddRange(page.Body.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("transactionId").GetInt64()));
            cursor = page.Body.GetProperty("next").GetString();
            Assert.Equal(cursor is not null, page.Body.GetProperty("hasMore").GetBoolean());
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(ids, seen);
        Assert.Equal(3, pages);
        var otherPage = await api.GetAsync($"/v1/wallets/{other}/transactions");
        Assert.Single(otherPage.Body.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Opening_the_same_wallet_again_answers_200_with_it_and_another_owner_is_a_409()
    {
        var walletId = NewId("w");
        var first = await api.PostAsync("/v1/wallets", new { walletId, ownerId = "o1", currency = "KES" }, null);
        var again = await api.PostAsync("/v1/wallets", new { walletId, ownerId = "o1", currency = "KES" }, null);
        var taken = await api.PostAsync("/v1/wallets", new { walletId, ownerId = "o2", currency = "KES" }, null);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal("KES", first.Body.GetProperty("currency").GetString());
        Assert.Equal("0.00", first.Body.GetProperty("balances").GetProperty("available").GetProperty("amount").GetString());
        Assert.Equal((HttpStatusCode.Conflict, "state_conflict"), (taken.Status, taken.Code));
        Assert.Equal(["walletId"], taken.ErrorFields);
    }

    [Fact]
    public async Task A_replay_answers_the_identical_status_and_body_and_moves_nothing_more()
    {
        var from = await api.FundedWalletAsync("100.00");
        var to = await api.OpenWalletAsync();
        var key = NewId("key");
        var body = new { fromWalletId = from, toWalletId = to, amount = "30.00", currency = "NGN" };

        var first = await api.PostAsync("/v1/transfers", body, key);
        var before = await api.CountWritesAsync();
        var replay = await api.PostAsync("/v1/transfers", body, key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(first.Status, replay.Status);
        Assert.Equal(first.Text, replay.Text);
        Assert.Equal(before, await api.CountWritesAsync());
        Assert.Equal(("70.00", "0.00", "0.00"), Balances(await api.GetAsync($"/v1/wallets/{from}")));
    }

    [Fact]
    public async Task The_same_key_with_a_different_request_is_a_409_idempotency_conflict_and_writes_nothing()
    {
        var from = await api.FundedWalletAsync("100.00");
        var to = await api.OpenWalletAsync();
        var key = NewId("key");
        await api.PostAsync("/v1/transfers", new { fromWalletId = from, toWalletId = to, amount = "30.00", currency = "NGN" }, key);
        var before = await api.CountWritesAsync();

        var otherAmount = await api.PostAsync("/v1/transfers", new { fromWalletId = from, toWalletId = to, amount = "30.01", currency = "NGN" }, key);
        var otherOperation = await api.PostAsync("/v1/payins", new { walletId = to, amount = "30.00", currency = "NGN", source = "banks:b1", externalRef = "x" }, key);

        Assert.Equal((HttpStatusCode.Conflict, "idempotency_conflict"), (otherAmount.Status, otherAmount.Code));
        Assert.Equal("application/problem+json", otherAmount.MediaType);
        Assert.Equal((HttpStatusCode.Conflict, "idempotency_conflict"), (otherOperation.Status, otherOperation.Code));
        Assert.Equal(before, await api.CountWritesAsync());
    }

    [Fact]
    public async Task A_hundred_concurrent_duplicates_make_exactly_one_movement()
    {
        var wallet = await api.OpenWalletAsync();
        var key = NewId("key");
        var body = new { walletId = wallet, amount = "250.00", currency = "NGN", source = "banks:dup", externalRef = "dup-1" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => api.PostAsync("/v1/payins", body, key))));

        var successes = answers.Where(a => a.Status == HttpStatusCode.Created).ToList();
        var inProgress = answers.Where(a => a.Status == HttpStatusCode.Conflict).ToList();
        Assert.NotEmpty(successes);
        Assert.Equal(100, successes.Count + inProgress.Count);
        Assert.Single(successes.Select(s => s.Text).Distinct());
        Assert.All(inProgress, a =>
        {
            Assert.Equal("idempotency_in_progress", a.Code);
            Assert.Equal(TimeSpan.FromSeconds(1), a.RetryAfter);
        });
        Assert.Equal(1, await api.CountAsync("ledger.transactions", "reference = $1", $"pay-in:{key}"));
        Assert.Equal(1, await api.CountAsync("walletflow.commands", "idempotency_key = $1", key));
        Assert.Equal(1, await api.CountAsync("walletflow.outbox", "aggregate_id = $1", wallet));
        Assert.Equal(("250.00", "0.00", "0.00"), Balances(await api.GetAsync($"/v1/wallets/{wallet}")));

        var afterwards = await api.PostAsync("/v1/payins", body, key);
        Assert.Equal(successes[0].Text, afterwards.Text);
    }

    [Fact]
    public async Task Insufficient_funds_is_a_422_with_the_available_and_requested_amounts_and_writes_nothing()
    {
        var from = await api.FundedWalletAsync("10.00");
        var to = await api.OpenWalletAsync();
        var before = await api.CountWritesAsync();

        var refused = await api.PostAsync("/v1/transfers", new { fromWalletId = from, toWalletId = to, amount = "50.00", currency = "NGN" }, NewId("key"));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "insufficient_funds"), (refused.Status, refused.Code));
        Assert.Equal("application/problem+json", refused.MediaType);
        Assert.Equal($"wallets:{from}:main", refused.Body.GetProperty("account").GetString());
        Assert.Equal(("10.00", "NGN", "1000"), Money(refused.Body.GetProperty("available")));
        Assert.Equal(("50.00", "NGN", "5000"), Money(refused.Body.GetProperty("requested")));
        Assert.Equal(before, await api.CountWritesAsync());
        Assert.Equal(("10.00", "0.00", "0.00"), Balances(await api.GetAsync($"/v1/wallets/{from}")));
    }

    private static (string, string, string) Money(JsonElement money) =>
        (money.GetProperty("amount").GetString()!, money.GetProperty("currency").GetString()!, money.GetProperty("amountMinor").GetString()!);
}
