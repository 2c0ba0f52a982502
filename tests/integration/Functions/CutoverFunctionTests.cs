using System.Numerics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using WalletFlow.Core.Cutover;
using WalletFlow.Core.Flags;
using WalletFlow.Core.Ports;
using WalletFlow.Functions;
using WalletFlow.Tests.Integration.Infrastructure;
using WalletFlow.Tests.Integration.UseCases;

namespace WalletFlow.Tests.Integration.Functions;

/// <summary>
/// Cutover the Functions way: the HTTP triggers called directly with a recording [DurableClient] (the
/// start schedules the shared workflow under the cutover id, a bad file is refused whole, nobody signed
/// in is 401), and the orchestration triggers run with each activity call dispatched to its activity
/// trigger, as the Functions host would, over the Functions app's container and a real database.
/// </summary>
public sealed class CutoverFunctionTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> SignedIn = new() { ["X-MS-CLIENT-PRINCIPAL-NAME"] = "ops-ada" };

    [Fact]
    public async Task The_start_trigger_refuses_a_bad_file_whole_and_nobody_signed_in_and_starts_a_good_one_under_its_cutover_id()
    {
        await using var app = await FunctionsApp.StartAsync(server);
        var functions = app.Create<CutoverFunctions>();
        var durable = new RecordingDurableClient();
        var prefix = UseCaseFixture.NewId("fn");
        var good = $"wallet_id,owner_id,currency,balance,legacy_ref\n{prefix}-1,o-1,NGN,10.00,L1\n{prefix}-2,o-1,USD,0.50,L2\n";

        var nobody = Csv(app, good, null);
        var anonymous = await FunctionsApp.WriteAsync(await functions.StartCutover(nobody, durable, Ct), nobody);
        Assert.Equal((401, "unauthenticated"), (anonymous.Status, anonymous.Body.RootElement.GetProperty("code").GetString()));

        var badRequest = Csv(app, good + $"{prefix}-3,o-1,NGN,1.005,L3\n{prefix}-1,o-1,NGN,1.00,L4\n", SignedIn);
        var bad = await FunctionsApp.WriteAsync(await functions.StartCutover(badRequest, durable, Ct), badRequest);
        Assert.Equal(400, bad.Status);
        Assert.Equal([4, 5], bad.Body.RootElement.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("line").GetInt32()));
        Assert.Empty(durable.Scheduled);
        Assert.Empty(await app.RowsAsync("SELECT cutover_id FROM walletflow.cutovers"));

        var request = Csv(app, good, SignedIn);
        var started = await FunctionsApp.WriteAsync(await functions.StartCutover(request, durable, Ct), request);
        Assert.Equal(202, started.Status);
        var cutoverId = started.Body.RootElement.GetProperty("cutoverId").GetString()!;
        Assert.Equal($"/v1/cutovers/{cutoverId}", started.Headers.Location.ToString());
        var (name, instanceId, input) = Assert.Single(durable.Scheduled);
        Assert.Equal((CutoverActivityNames.Workflow, cutoverId), (name.Name, instanceId));
        Assert.Equal(new CutoverWorkflowInput(cutoverId, 1, "principal:ops-ada"), input);
        var row = Assert.Single(await app.RowsAsync("SELECT status, requested_by, row_count FROM walletflow.cutovers WHERE cutover_id = $1", cutoverId));
        Assert.Equal(["Accepted", "principal:ops-ada", 2], row);

        var read = app.Request("GET", $"/v1/cutovers/{cutoverId}");
        var status = await FunctionsApp.WriteAsync(await functions.GetCutover(read, cutoverId, durable, Ct), read);
        Assert.Equal((200, "Accepted"), (status.Status, status.Body.RootElement.GetProperty("status").GetString()));
        var unknown = app.Request("GET", "/v1/cutovers/co_none");
        Assert.Equal(404, (await FunctionsApp.WriteAsync(await functions.GetCutover(unknown, "co_none", durable, Ct), unknown)).Status);
        // Its workflow is running: a rollback waits, and starts nothing.
        durable.Instance = new Microsoft.DurableTask.Client.OrchestrationMetadata(CutoverActivityNames.Workflow, cutoverId)
        {
            RuntimeStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Running,
        };
        var early = app.Request("POST", $"/v1/cutovers/{cutoverId}/rollback", headers: SignedIn);
        Assert.Equal(409, (await FunctionsApp.WriteAsync(await functions.RollbackCutover(early, cutoverId, durable, Ct), early)).Status);
        Assert.Single(durable.Scheduled);
    }

    [Fact]
    public async Task The_orchestration_triggers_run_the_cutover_to_live_and_its_rollback_through_the_activity_triggers()
    {
        await using var app = await FunctionsApp.StartAsync(server);
        var functions = app.Create<CutoverFunctions>();
        var workflows = app.Create<CutoverWorkflowFunctions>();
        var durable = new RecordingDurableClient();
        var file = Cutover.CutoverFile.Of(90, UseCaseFixture.NewId("fnw"));
        var request = Csv(app, file.Text, SignedIn);
        var started = await FunctionsApp.WriteAsync(await functions.StartCutover(request, durable, Ct), request);
        Assert.Equal(202, started.Status);
        var input = (CutoverWorkflowInput)Assert.Single(durable.Scheduled).Input!;

        var forward = new ScriptedOrchestrationContext(input, (name, arg) => Dispatch(workflows, name, arg));
        var live = await CutoverWorkflowFunctions.CutoverWorkflow(forward);

        Assert.True(live.Status == CutoverStatus.Live, live.Detail);
        Assert.Equal([CutoverActivityNames.Freeze, CutoverActivityNames.PostBatch, CutoverActivityNames.ConfirmPosted, CutoverActivityNames.Gates,
            CutoverActivityNames.Reconcile, CutoverActivityNames.GoLive], forward.Calls.Select(c => c.Activity).Distinct());
        Assert.Equal(input.Batches, forward.Calls.Count(c => c.Activity == CutoverActivityNames.PostBatch));
        Assert.True((await app.Get<IFeatureFlags>().GetAsync(FeatureFlagNames.CutoverLive, Ct)).Enabled);
        Assert.Equal(file.Rows.Count(r => r.Minor > 0), await CountAsync(app, $"migration-opening-balance:cutover:{input.CutoverId}:%"));

        var rollbackRequest = app.Request("POST", $"/v1/cutovers/{input.CutoverId}/rollback", headers: SignedIn);
        Assert.Equal(202, (await FunctionsApp.WriteAsync(await functions.RollbackCutover(rollbackRequest, input.CutoverId, durable, Ct), rollbackRequest)).Status);
        var (name, instanceId, rollbackInput) = durable.Scheduled[^1];
        Assert.Equal((CutoverActivityNames.RollbackWorkflow, CutoverActivityNames.RollbackInstance(input.CutoverId)), (name.Name, instanceId));
        var backward = new ScriptedOrchestrationContext(rollbackInput!, (n, arg) => Dispatch(workflows, n, arg));
        var rolledBack = await CutoverWorkflowFunctions.CutoverRollbackWorkflow(backward);

        Assert.True(rolledBack.Status == CutoverStatus.RolledBack, rolledBack.Detail);
        Assert.Equal(file.Rows.Count(r => r.Minor > 0), (long)(await app.RowsAsync(
            "SELECT count(*) FROM ledger.transactions WHERE reference LIKE $1 AND reverted_at IS NOT NULL", $"migration-opening-balance:cutover:{input.CutoverId}:%"))[0][0]!);
        var sums = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        await foreach (var balance in app.Get<ILedger>().ListBalancesAsync("", Ct))
            sums[balance.Asset] = sums.GetValueOrDefault(balance.Asset) + balance.Balance;
        Assert.All(sums, s => Assert.True(s.Value.IsZero, $"{s.Key} sums to {s.Value}"));
        Assert.False((await app.Get<IFeatureFlags>().GetAsync(FeatureFlagNames.LegacyFrozen, Ct)).Enabled);
        Assert.False((await app.Get<IFeatureFlags>().GetAsync(FeatureFlagNames.CutoverLive, Ct)).Enabled);
    }

    /// <summary>An activity call answered by its activity trigger, as the Functions host dispatches by name (on the pool: the trigger is async).</summary>
    private static object? Dispatch(CutoverWorkflowFunctions f, TaskName name, object? input) => Task.Run<object?>(async () => name.Name switch
    {
        CutoverActivityNames.Freeze => await f.FreezeLegacy((CutoverWorkflowInput)input!, null!),
        CutoverActivityNames.PostBatch => await f.PostOpeningBalances((CutoverBatchInput)input!, null!),
        CutoverActivityNames.ConfirmPosted => await f.ConfirmOpeningBalances((string)input!, null!),
        CutoverActivityNames.Gates => await f.RunCutoverGates((string)input!, null!),
        CutoverActivityNames.Reconcile => await f.ReconcileCutover((string)input!, null!),
        CutoverActivityNames.GoLive => await f.GoLive((CutoverWorkflowInput)input!, null!),
        CutoverActivityNames.Fail => await f.FailCutover((CutoverFailure)input!, null!),
        CutoverActivityNames.ReverseBatch => await f.ReverseOpeningBalances((CutoverBatchInput)input!, null!),
        CutoverActivityNames.FinishRollback => await f.FinishRollback((CutoverWorkflowInput)input!, null!),
        _ => throw new InvalidOperationException($"no activity trigger {name}"),
    }).GetAwaiter().GetResult();

    private static HttpRequest Csv(FunctionsApp app, string csv, IReadOnlyDictionary<string, string>? headers)
    {
        var request = app.Request("POST", "/v1/cutovers", idempotencyKey: UseCaseFixture.NewId("key"), headers: headers);
        request.ContentType = "text/csv";
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return request;
    }

    private static async Task<long> CountAsync(FunctionsApp app, string referencePattern) =>
        (long)(await app.RowsAsync("SELECT count(*) FROM ledger.transactions WHERE reference LIKE $1", referencePattern))[0][0]!;
}
