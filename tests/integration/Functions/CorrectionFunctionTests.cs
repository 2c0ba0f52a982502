using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using WalletFlow.Api;
using WalletFlow.Core.Corrections;
using WalletFlow.Functions;
using WalletFlow.Tests.Integration.Infrastructure;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.Functions;

/// <summary>
/// The correction triggers called directly over the Functions app's real container and a fresh database:
/// the maker and the checker are signed-in principals, the workflow is started and woken through the
/// bound client (recorded), and the activity trigger posts the approved correction once.
/// </summary>
public sealed class CorrectionFunctionTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> SignedIn(string name) => new() { [FunctionsHttp.SignedInPrincipalHeader] = name };

    [Fact]
    public async Task A_correction_needs_a_signed_in_maker_and_another_checker_and_its_activity_posts_it_once()
    {
        await using var app = await FunctionsApp.StartAsync(server);
        var walletId = await app.FundedWalletAsync("10.00");
        var durable = new RecordingDurableClient();
        var functions = app.Create<CorrectionFunctions>();
        var body = JsonSerializer.Serialize(new { walletId, currency = "NGN", credit = "4.00", reason = "refund owed", evidence = "ticket F-1" });

        var anonymous = Assert.IsType<ProblemHttpResult>(await functions.RequestCorrection(app.Request("POST", "/v1/corrections", body, NewId("key")), durable, Ct));
        Assert.Equal((401, "unauthenticated"), (anonymous.StatusCode, anonymous.ProblemDetails.Extensions["code"]));
        Assert.Empty(durable.Scheduled);

        var requested = Assert.IsType<Accepted<CorrectionResponse>>(await functions.RequestCorrection(
            app.Request("POST", "/v1/corrections", body, NewId("key"), SignedIn("ada@example.com")), durable, Ct));
        var id = requested.Value!.CorrectionId;
        Assert.Equal(("PendingApproval", "principal:ada@example.com"), (requested.Value.Status, requested.Value.RequestedBy));
        var (name, instanceId, input) = Assert.Single(durable.Scheduled);
        Assert.Equal((CorrectionNames.Workflow, id), (name.Name, instanceId));
        Assert.Equal(id, Assert.IsType<CorrectionWorkflowInput>(input).CorrectionId);

        const string approve = """{"decision":"approve"}""";
        var own = Assert.IsType<ProblemHttpResult>(await functions.DecideCorrection(
            app.Request("POST", $"/v1/corrections/{id}/decision", approve, headers: SignedIn("ada@example.com")), id, durable, Ct));
        Assert.Equal(403, own.StatusCode);
        Assert.Empty(durable.Raised);

        Assert.IsType<Accepted<CorrectionResponse>>(await functions.DecideCorrection(
            app.Request("POST", $"/v1/corrections/{id}/decision", approve, headers: SignedIn("bob@example.com")), id, durable, Ct));
        var (raisedOn, eventName, payload) = Assert.Single(durable.Raised);
        Assert.Equal((id, CorrectionNames.DecisionEvent), (raisedOn, eventName));
        Assert.Equal(new CorrectionDecision(true, "principal:bob@example.com"), payload);

        // The workflow's step as the activity trigger runs it: posts, and again posts nothing more.
        Assert.Equal(new CorrectionConclusion(CorrectionStatus.Posted, false), await functions.ConcludeCorrection(new ConcludeCorrectionInput(id, false), null!));
        Assert.Equal(new CorrectionConclusion(CorrectionStatus.Posted, false), await functions.ConcludeCorrection(new ConcludeCorrectionInput(id, false), null!));
        var commands = await app.RowsAsync("SELECT count(*) FROM walletflow.commands WHERE idempotency_key = $1", CorrectionNames.PostingKey(id));
        Assert.Equal(1L, commands[0][0]);

        var read = await functions.GetCorrection(app.Request("GET", $"/v1/corrections/{id}"), id, Ct);
        var (status, _, json) = await FunctionsApp.WriteAsync(read, app.Request("GET", $"/v1/corrections/{id}"));
        Assert.Equal(200, status);
        Assert.Equal("Posted", json.RootElement.GetProperty("status").GetString());
    }
}
