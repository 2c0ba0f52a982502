using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WalletFlow.Api;
using WalletFlow.Core.Flags;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;
using WalletFlow.Functions;
using WalletFlow.Tests.Integration.Infrastructure;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.Functions;

/// <summary>
/// Each Functions trigger called directly over the Functions app's real container and a fresh
/// database: what it answers, what it writes, and what it asks of the durable runtime (recorded by
/// <see cref="RecordingDurableClient"/>, standing in for the [DurableClient] binding).
/// </summary>
public sealed class FunctionTriggerTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string PayoutJson(string payoutId, string walletId) => JsonSerializer.Serialize(new
    {
        payoutId,
        walletId,
        amount = "150.00",
        currency = "NGN",
        providerId = "sandbox",
        beneficiary = new { name = "Ada Obi", accountNumber = "0123456781", bankCode = "058" },
        fee = "1.50",
    });

    /// <summary>A new payout of 150.00 from <paramref name="walletId"/>, started through the function (asserted 202).</summary>
    private static async Task<string> StartedPayoutAsync(FunctionsApp app, PayoutFunctions functions, string walletId, RecordingDurableClient durable)
    {
        var payoutId = NewId("po");
        Assert.IsType<Accepted<PayoutResponse>>(await functions.StartPayout(
            app.Request("POST", "/v1/payouts", PayoutJson(payoutId, walletId), NewId("key")), durable, Ct));
        return payoutId;
    }

    [Fact]
    public async Task Http_start_answers_202_with_the_v1_status_url_and_the_payout_and_schedules_the_saga_with_the_payout_id()
    {
        await using var app = await FunctionsApp.StartAsync(server);
        var walletId = await app.FundedWalletAsync();
        var payoutId = NewId("po");
        var durable = new RecordingDurableClient();
        var request = app.Request("POST", "/v1/payouts", PayoutJson(payoutId, walletId), NewId("key"));

        var result = await app.Create<PayoutFunctions>().StartPayout(request, durable, Ct);

        var accepted = Assert.IsType<Accepted<PayoutResponse>>(result);
        var (status, headers, body) = await FunctionsApp.WriteAsync(result, request);
        Assert.Equal(202, status);
        Assert.Equal($"/v1/payouts/{payoutId}", headers.Location.ToString());
        var json = body.RootElement;
        // The body is host/'s start answer, field for field, and nothing else.
        Assert.Equal(JsonSerializer.Serialize(accepted.Value!, JsonSerializerOptions.Web), json.GetRawText());
        Assert.Equal(typeof(PayoutResponse).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order(StringComparer.Ordinal),
            json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal((payoutId, $"/v1/payouts/{payoutId}", "Requested"),
            (json.GetProperty("payoutId").GetString(), json.GetProperty("statusUrl").GetString(), json.GetProperty("status").GetString()));
        var amount = json.GetProperty("amount");
        Assert.Equal(("150.00", "15000"), (amount.GetProperty("amount").GetString(), amount.GetProperty("amountMinor").GetString()));
        AssertNoManagementUrls(headers, json);
        var (name, instanceId, input) = Assert.Single(durable.Scheduled);
        Assert.Equal(PayoutActivityNames.Saga, name.Name);
        Assert.Equal(payoutId, instanceId);
        var sagaInput = Assert.IsType<PayoutSagaInput>(input);
        Assert.Equal((payoutId, walletId, "NGN", 15_000L, 150L), (sagaInput.PayoutId, sagaInput.WalletId, sagaInput.Currency, sagaInput.Amount, sagaInput.Fee));
        var rows = await app.RowsAsync("SELECT status, amount FROM walletflow.payouts WHERE payout_id = $1", payoutId);
        Assert.Equal(("requested", 15_000L), (((string)rows[0][0]!).ToLowerInvariant(), Convert.ToInt64(rows[0][1])));
    }

    [Fact]
    public async Task Http_start_behind_a_proxy_and_with_a_function_key_answers_no_Durable_management_url()
    {
        await using var app = await FunctionsApp.StartAsync(server);
        var walletId = await app.FundedWalletAsync();
        var payoutId = NewId("po");
        // The headers the Durable SDK builds its management URLs from, and a function key in the query:
        // none of it may come back to the client.
        var request = app.Request("POST", "/v1/payouts", PayoutJson(payoutId, walletId), NewId("key"),
            new Dictionary<string, string> { ["X-Forwarded-Host"] = "pay.walletflow.example", ["X-Forwarded-Proto"] = "https", ["x-functions-key"] = "fn-secret" });
        request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?code=fn-secret");

        var result = await app.Create<PayoutFunctions>().StartPayout(request, new RecordingDurableClient(), Ct);

        var (status, headers, body) = await FunctionsApp.WriteAsync(result, request);
        Assert.Equal(202, status);
        Assert.Equal($"/v1/payouts/{payoutId}", headers.Location.ToString());
        Assert.Equal($"/v1/payouts/{payoutId}", body.RootElement.GetProperty("statusUrl").GetString());
        AssertNoManagementUrls(headers, body.RootElement);
        Assert.DoesNotContain("fn-secret", body.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("pay.walletflow.example", body.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>Neither a header nor the body carries a Durable management URL or its key.</summary>
    private static void AssertNoManagementUrls(Microsoft.AspNetCore.Http.IHeaderDictionary headers, JsonElement body)
    {
        var answered = body.GetRawText() + string.Concat(headers.Select(h => $"\n{h.Key}: {h.Value}"));
        foreach (var leak in new[] { "code=", "systemKey", "taskHub=", "/runtime/webhooks/", "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri" })
            Assert.DoesNotContain(leak, answered, StringComparison.OrdinalIgnoreCase);
        Assert.False(body.TryGetProperty("durable", out _));
    }

    [Fact]
    public async Task Http_start_without_an_idempotency_key_is_a_400_problem_and_schedules_nothing()
    {
        await using var app = await FunctionsApp.StartAsync(server);
        var walletId = await app.FundedWalletAsync();
        var durable = new RecordingDurableClient();

        var result = await app.Create<PayoutFunctions>().StartPayout(
            app.Request("POST", "/v1/payouts", PayoutJson(NewId("po"), walletId)), durable, Ct);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(400, problem.StatusCode);
        Assert.Equal("invalid_request", problem.ProblemDetails.Extensions["code"]);
        Assert.Empty(durable.Scheduled);
    }

    [Fact]
    public async Task Http_start_while_payouts_are_paused_is_a_409_and_schedules_nothing()
    {
        await using var app = await FunctionsApp.StartAsync(server);
        var walletId = await app.FundedWalletAsync();
        await app.Get<IFeatureFlags>().SetAsync(FeatureFlagNames.PayoutsPaused, enabled: true, "test", "test", Ct);
        var durable = new RecordingDurableClient();

        var result = await app.Create<PayoutFunctions>().StartPayout(
            app.Request("POST", "/v1/payouts", PayoutJson(NewId("po"), walletId), NewId("key")), durable, Ct);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal((409, "payouts_paused"), (problem.StatusCode, problem.ProblemDetails.Extensions["code"]));
        Assert.Empty(durable.Scheduled);
    }

    [Fact]
    public async Task Payout_status_maps_the_runtime_state_and_the_saga_step()
    {
        await using var app = await FunctionsApp.StartAsync(server);
        var walletId = await app.FundedWalletAsync();
        var durable = new RecordingDurableClient();
        var functions = app.Create<PayoutFunctions>();
        var payoutId = await StartedPayoutAsync(app, functions, walletId, durable);
        durable.Instance = new OrchestrationMetadata(PayoutActivityNames.Saga, payoutId)
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            SerializedCustomStatus = """{"step":"wait-1"}""",
        };

        var result = await functions.GetPayout(app.Request("GET", $"/v1/payouts/{payoutId}"), payoutId, durable, Ct);

        var ok = Assert.IsType<Ok<PayoutResponse>>(result);
        Assert.Equal((payoutId, "Requested", "Running", "wait-1"), (ok.Value!.PayoutId, ok.Value.Status, ok.Value.Orchestration, ok.Value.Step));
    }

    [Fact]
    public async Task Payout_status_of_an_unknown_payout_is_a_404_problem()
    {
        await using var app = await FunctionsApp.StartAsync(server);

        var result = await app.Create<PayoutFunctions>().GetPayout(app.Request("GET", "/v1/payouts/po_missing"), "po_missing", new RecordingDurableClient(), Ct);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal((404, "not_found"), (problem.StatusCode, problem.ProblemDetails.Extensions["code"]));
    }

    [Fact]
    public async Task Manual_resolution_of_a_payout_not_in_review_is_a_409_and_raises_no_event()
    {
        await using var app = await FunctionsApp.StartAsync(server);
        var walletId = await app.FundedWalletAsync();
        var durable = new RecordingDurableClient();
        var functions = app.Create<PayoutFunctions>();
        var payoutId = await StartedPayoutAsync(app, functions, walletId, durable);

        const string body = """{"outcome":"settle","evidence":"bank statement","actor":"ops"}""";
        // A body's actor is nobody: without a signed-in principal the resolution is refused.
        var anonymous = Assert.IsType<ProblemHttpResult>(await functions.ResolvePayout(app.Request("POST", $"/v1/payouts/{payoutId}/resolution", body), payoutId, durable, Ct));
        Assert.Equal((401, "unauthenticated"), (anonymous.StatusCode, anonymous.ProblemDetails.Extensions["code"]));

        var result = await functions.ResolvePayout(app.Request("POST", $"/v1/payouts/{payoutId}/resolution", body,
            headers: new Dictionary<string, string> { [FunctionsHttp.SignedInPrincipalHeader] = "ada@example.com" }), payoutId, durable, Ct);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(409, problem.StatusCode);
        Assert.Empty(durable.Raised);
    }

    [Fact]
    public async Task Pay_in_answers_201_with_the_receipt_and_a_replay_answers_the_same()
    {
        await using var app = await FunctionsApp.StartAsync(server);
        var walletId = await app.FundedWalletAsync("0.01");
        var key = NewId("key");
        var body = JsonSerializer.Serialize(new { walletId, amount = "25.00", currency = "NGN", source = "banks:gtbank", externalRef = NewId("ext") });
        var functions = app.Create<MovementFunctions>();

        var first = Assert.IsType<Created<MovementResponse>>(await functions.CreatePayIn(app.Request("POST", "/v1/payins", body, key), Ct));
        var replay = Assert.IsType<Created<MovementResponse>>(await functions.CreatePayIn(app.Request("POST", "/v1/payins", body, key), Ct));

        Assert.Equal(201, first.StatusCode);
        Assert.Equal(JsonSerializer.Serialize(first.Value), JsonSerializer.Serialize(replay.Value));
        var balance = await app.RowsAsync("SELECT count(*) FROM walletflow.commands WHERE idempotency_key = $1", key);
        Assert.Equal(1L, Convert.ToInt64(balance[0][0]));
    }

    [Fact]
    public async Task Transfer_over_the_available_balance_is_a_422_problem()
    {
        await using var app = await FunctionsApp.StartAsync(server);
        var from = await app.FundedWalletAsync("10.00");
        var to = await app.FundedWalletAsync("0.01");
        var body = JsonSerializer.Serialize(new { fromWalletId = from, toWalletId = to, amount = "10.01", currency = "NGN" });

        var result = await app.Create<MovementFunctions>().CreateTransfer(app.Request("POST", "/v1/transfers", body, NewId("key")), Ct);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal((422, "insufficient_funds"), (problem.StatusCode, problem.ProblemDetails.Extensions["code"]));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_invalid_json_problem()
    {
        await using var app = await FunctionsApp.StartAsync(server);

        var result = await app.Create<MovementFunctions>().CreateTransfer(app.Request("POST", "/v1/transfers", "{not json", NewId("key")), Ct);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal((400, "invalid_json"), (problem.StatusCode, problem.ProblemDetails.Extensions["code"]));
    }

    [Fact]
    public async Task Timer_runs_the_four_gates_and_stores_the_run()
    {
        await using var app = await FunctionsApp.StartAsync(server);
        await app.FundedWalletAsync();

        var run = await app.Create<GateFunctions>().RunGates(new TimerInfo(), Ct);

        Assert.True(run.Passed, string.Join("; ", run.Gates.SelectMany(g => g.Details)));
        Assert.Equal(4, run.Gates.Count);
        var stored = await app.RowsAsync("SELECT trigger, passed FROM walletflow.gate_runs WHERE run_id = $1", run.RunId);
        Assert.Equal((GateFunctions.Trigger, true), ((string)stored[0][0]!, (bool)stored[0][1]!));
    }

    [Fact]
    public async Task Activity_trigger_runs_the_shared_hold_activity_on_the_ledger()
    {
        await using var app = await FunctionsApp.StartAsync(server);
        var walletId = await app.FundedWalletAsync("100.00");
        var payoutId = await StartedPayoutAsync(app, app.Create<PayoutFunctions>(), walletId, new RecordingDurableClient());
        var input = new PayoutSagaInput(payoutId, walletId, "NGN", 15_000, 150, "sandbox", new Beneficiary("Ada Obi", "0123456781", "058"),
            app.Get<RequeryPolicy>());

        var tooMuch = await app.Create<PayoutSagaFunctions>().HoldPayout(input, null!);

        // 150.00 + 1.50 from a wallet holding 100.00: refused, nothing held, the payout is rejected.
        Assert.Equal((false, "insufficient_funds"), (tooMuch.Succeeded, tooMuch.Code));
        var status = await app.RowsAsync("SELECT status FROM walletflow.payouts WHERE payout_id = $1", payoutId);
        Assert.Equal("rejected", ((string)status[0][0]!).ToLowerInvariant());
    }

    [Fact]
    public async Task Orchestration_trigger_runs_the_shared_payout_saga()
    {
        var input = new PayoutSagaInput("po_1", "w_1", "NGN", 15_000, 150, "sandbox", new Beneficiary("Ada Obi", "0123456781", "058"),
            new RequeryPolicy(3, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(4), TimeSpan.FromMinutes(5)));
        var context = new ScriptedOrchestrationContext(input, (name, _) => name.Name switch
        {
            PayoutActivityNames.Hold => new PayoutStepResult(true),
            PayoutActivityNames.Submit => new ProviderReply(ProviderReplyKind.Pending, "ref-1"),
            PayoutActivityNames.Query => new ProviderReply(ProviderReplyKind.Accepted, "ref-1"),
            PayoutActivityNames.Settle => new PayoutStepResult(true),
            _ => throw new InvalidOperationException($"unexpected activity {name}"),
        });

        var result = await PayoutSagaFunctions.PayoutSaga(context);

        Assert.Equal(PayoutStatus.Settled, result.Status);
        Assert.Equal([PayoutActivityNames.Hold, PayoutActivityNames.Submit, PayoutActivityNames.Query, PayoutActivityNames.Settle],
            context.Calls.Select(c => c.Activity));
    }
}
