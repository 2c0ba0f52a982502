using System.Net;
using System.Text.Json;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Reserves;
using WalletFlow.Tests.Integration.Api;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Reserves;

/// <summary>
/// Reserve policies' write path (issue 18 §3) through the real host and the CLI: validation with field
/// errors, an upsert recorded with its actor, a change row and an outbox event, and pay-ins that follow it.
/// </summary>
public sealed class ReservePolicyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Dictionary<string, string> Env => new() { ["ConnectionStrings__WalletFlow"] = api.Database.ConnectionString };

    /// <summary>A new owner and its NGN wallet.</summary>
    private async Task<(string Owner, string WalletId)> OwnerAsync()
    {
        var owner = ApiFixture.NewId("owner");
        var walletId = ApiFixture.NewId("w");
        var opened = await api.PostAsync("/v1/wallets", new { walletId, ownerId = owner, currency = "NGN" }, null);
        Assert.True(opened.Status == HttpStatusCode.Created, opened.ToString());
        return (owner, walletId);
    }

    private Task<ApiAnswer> SetAsync(object body) => api.PostAsync("/v1/reserve-policies", body, null);

    [Fact]
    public async Task Setting_a_policy_answers_it_records_actor_change_and_event_and_later_pay_ins_follow_it()
    {
        var (owner, walletId) = await OwnerAsync();

        var set = await SetAsync(new { ownerId = owner, rateBps = 250, holdDays = 7 });

        Assert.True(set.Status == HttpStatusCode.OK, set.ToString());
        Assert.Equal((owner, 250, 7), (set.Body.GetProperty("ownerId").GetString(), set.Body.GetProperty("rateBps").GetInt32(), set.Body.GetProperty("holdDays").GetInt32()));
        var actor = set.Body.GetProperty("updatedBy").GetString();
        Assert.StartsWith("client:tests-", actor, StringComparison.Ordinal);
        Assert.Equal(1, await api.CountAsync("walletflow.reserve_policies", "owner_id = $1 AND rate_bps = 250 AND hold_days = 7 AND updated_by = $2", owner, actor!));
        Assert.Equal(1, await api.CountAsync("walletflow.reserve_policy_changes", "owner_id = $1 AND changed_by = $2", owner, actor!));
        Assert.Equal(1, await api.CountAsync("walletflow.outbox", "aggregate_type = 'reserve-policy' AND aggregate_id = $1 AND event_type = $2 AND (payload->>'rateBps')::int = 250",
            owner, SetReservePolicy.EventType));

        // A pay-in now keeps 2.5 % for 7 days.
        var paid = await api.PostAsync("/v1/payins", new { walletId, amount = "1000.00", currency = "NGN", source = "banks:fixture", externalRef = ApiFixture.NewId("ext") }, ApiFixture.NewId("key"));
        Assert.True(paid.Status == HttpStatusCode.Created, paid.ToString());
        Assert.Equal(1, await api.CountAsync("walletflow.reserve_tranches",
            "wallet_id = $1 AND amount = 2500 AND matures_at BETWEEN now() + interval '7 days' - interval '5 minutes' AND now() + interval '7 days'", walletId));

        // Setting again replaces the policy and adds a change and an event; the list shows the latest.
        var replaced = await SetAsync(new { ownerId = owner, rateBps = 0, holdDays = 0 });
        Assert.True(replaced.Status == HttpStatusCode.OK, replaced.ToString());
        Assert.Equal(2, await api.CountAsync("walletflow.reserve_policy_changes", "owner_id = $1", owner));
        Assert.Equal(2, await api.CountAsync("walletflow.outbox", "aggregate_type = 'reserve-policy' AND aggregate_id = $1", owner));
        var listed = await api.GetAsync($"/v1/reserve-policies?ownerId={owner}");
        Assert.True(listed.Status == HttpStatusCode.OK, listed.ToString());
        var only = Assert.Single(listed.Body.GetProperty("policies").EnumerateArray());
        Assert.Equal((owner, 0, 0), (only.GetProperty("ownerId").GetString(), only.GetProperty("rateBps").GetInt32(), only.GetProperty("holdDays").GetInt32()));
        var all = await api.GetAsync("/v1/reserve-policies");
        Assert.Contains(all.Body.GetProperty("policies").EnumerateArray(), p => p.GetProperty("ownerId").GetString() == owner);
        Assert.Empty((await api.GetAsync("/v1/reserve-policies?ownerId=nobody-has-this")).Body.GetProperty("policies").EnumerateArray());
    }

    public static TheoryData<string, string, string> Refusals() => new()
    {
        { """{"ownerId":"   ","rateBps":100,"holdDays":1}""", "invalid_request", "ownerId" },
        { """{"rateBps":100,"holdDays":1}""", "invalid_request", "ownerId" },
        { """{"ownerId":"OWNER","rateBps":10001,"holdDays":1}""", "invalid_request", "rateBps" },
        { """{"ownerId":"OWNER","rateBps":-1,"holdDays":1}""", "invalid_request", "rateBps" },
        { """{"ownerId":"OWNER","holdDays":1}""", "invalid_request", "rateBps" },
        { """{"ownerId":"OWNER","rateBps":100,"holdDays":3651}""", "invalid_request", "holdDays" },
        { """{"ownerId":"OWNER","rateBps":100,"holdDays":-1}""", "invalid_request", "holdDays" },
        { """{"ownerId":"OWNER","rateBps":100}""", "invalid_request", "holdDays" },
        { """{"ownerId":"owner_nobody_has","rateBps":100,"holdDays":1}""", "not_found", "ownerId" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_policy_with_a_bad_field_is_refused_with_that_field_and_writes_nothing(string body, string code, string field)
    {
        var (owner, _) = await OwnerAsync();

        var refused = await api.SendAsync(HttpMethod.Post, "/v1/reserve-policies", body.Replace("OWNER", owner, StringComparison.Ordinal));

        Assert.Equal((code, "application/problem+json"), (refused.Code, refused.MediaType));
        Assert.Equal(code == "not_found" ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal([field], refused.ErrorFields);
        Assert.Equal(0, await api.CountAsync("walletflow.reserve_policies", "owner_id = $1 OR owner_id = 'owner_nobody_has'", owner));
        Assert.Equal(0, await api.CountAsync("walletflow.reserve_policy_changes", "owner_id = $1 OR owner_id = 'owner_nobody_has'", owner));
    }

    [Fact]
    public async Task Reading_needs_reports_read_and_setting_needs_admin()
    {
        var (owner, _) = await OwnerAsync();
        using var reader = TestCredentials.Client(api.Server.Addresses[0], await api.Server.NewKeyAsync(Scopes.ReportsRead, Scopes.MovementsWrite));
        using var body = new StringContent(JsonSerializer.Serialize(new { ownerId = owner, rateBps = 100, holdDays = 1 }), System.Text.Encoding.UTF8, "application/json");

        using var write = await reader.PostAsync(new Uri("/v1/reserve-policies", UriKind.Relative), body, Ct);
        using var read = await reader.GetAsync(new Uri("/v1/reserve-policies", UriKind.Relative), Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (write.StatusCode, read.StatusCode));
        Assert.Equal(0, await api.CountAsync("walletflow.reserve_policies", "owner_id = $1", owner));
    }

    [Fact]
    public async Task The_cli_sets_a_policy_as_the_os_user_refuses_a_bad_one_and_lists_them()
    {
        var (owner, _) = await OwnerAsync();

        var set = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, Env, "reserves", "set", owner, "--rate-bps", "1500", "--hold-days", "30");

        Assert.True(set.ExitCode == 0, set.Output);
        Assert.Contains($"{owner}\t1500 bps\t30 days", set.Output, StringComparison.Ordinal);
        Assert.Equal(1, await api.CountAsync("walletflow.reserve_policies", "owner_id = $1 AND rate_bps = 1500 AND hold_days = 30 AND updated_by = $2",
            owner, "cli:" + Environment.UserName));
        Assert.Equal(1, await api.CountAsync("walletflow.outbox", "aggregate_type = 'reserve-policy' AND aggregate_id = $1", owner));

        var tooHigh = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, Env, "reserves", "set", owner, "--rate-bps", "10001", "--hold-days", "30");
        Assert.Equal(1, tooHigh.ExitCode);
        Assert.Contains("rateBps: A rate is 0–10000 basis points", tooHigh.Output, StringComparison.Ordinal);
        var unknown = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, Env, "reserves", "set", "owner_nobody_has", "--rate-bps", "10", "--hold-days", "1");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No owner 'owner_nobody_has'", unknown.Output, StringComparison.Ordinal);
        var missing = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, Env, "reserves", "set", owner, "--rate-bps", "10");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("--hold-days", missing.Output, StringComparison.Ordinal);
        Assert.Equal(1, await api.CountAsync("walletflow.reserve_policy_changes", "owner_id = $1", owner));

        var list = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, Env, "reserves", "list", "--owner", owner);
        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains($"{owner}\t1500 bps\t30 days\tset ", list.Output, StringComparison.Ordinal);
        Assert.Contains($"by cli:{Environment.UserName}", list.Output, StringComparison.Ordinal);
    }
}
