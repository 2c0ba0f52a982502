using System.Text.Json;
using Google.Protobuf;
using Microsoft.DurableTask.Worker.Grpc;
using WalletFlow.Core.Payouts;
using WalletFlow.Orchestrations.Payouts;
using P = Microsoft.DurableTask.Protobuf;

namespace WalletFlow.Tests.Unit.Payouts;

/// <summary>
/// Determinism: the recorded history of real payout sagas (Histories/*.json, written by
/// tests/integration PayoutSagaHistoryRecording from runs over HTTP against the host and its sandbox
/// rail) replayed against the current <see cref="PayoutSaga"/>. Durable Task rebuilds a running saga
/// from its history after every await; if the orchestrator's sequence of actions no longer matches
/// what a running instance recorded (an activity added, removed, renamed or reordered, a timer moved)
/// those instances would fail or misbehave after a deploy. The replay runs the same code path as the
/// worker (<see cref="GrpcOrchestrationRunner"/>, the shim over DurableTask.Core's executor), which
/// fails a replay that does not match, and an orchestrator that wants to do more than the history
/// recorded answers with another action instead of completing.
/// </summary>
public sealed class PayoutSagaReplayTests
{
    private static readonly string[] Fixtures = ["payout-instant-success.json", "payout-pending-then-success.json", "payout-ambiguous-then-resolved.json"];

    [Theory]
    [InlineData("payout-instant-success.json", PayoutStatus.Settled)]
    [InlineData("payout-pending-then-success.json", PayoutStatus.Settled)]
    [InlineData("payout-ambiguous-then-resolved.json", PayoutStatus.Settled)]
    public void A_recorded_saga_history_replays_against_the_current_orchestrator_to_the_same_end(string fixture, PayoutStatus status)
    {
        var history = Load(fixture);
        var completed = history.Single(e => e.EventTypeCase == P.HistoryEvent.EventTypeOneofCase.ExecutionCompleted).ExecutionCompleted;
        Assert.Equal(P.OrchestrationStatus.Completed, completed.OrchestrationStatus);

        var response = Replay(history);

        var action = Assert.Single(response.Actions);
        Assert.True(action.OrchestratorActionTypeCase == P.OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration,
            $"The replay wanted to {action.OrchestratorActionTypeCase} instead of completing: the saga now does more than the recorded history.");
        var end = action.CompleteOrchestration;
        Assert.True(end.OrchestrationStatus == P.OrchestrationStatus.Completed,
            $"The replay failed: {end.FailureDetails?.ErrorType}: {end.FailureDetails?.ErrorMessage}");
        Assert.Equal(completed.Result, end.Result);
        Assert.Equal(status, JsonSerializer.Deserialize<PayoutSagaResult>(end.Result)!.Status);
    }

    [Fact]
    public void The_recorded_histories_cover_the_activities_the_timers_and_both_events()
    {
        var all = Fixtures.SelectMany(Load).ToList();
        Assert.Contains(all, e => e.TimerFired is not null);
        Assert.Contains(all, e => e.EventRaised?.Name == "ManualResolution");
        Assert.Equal(
            ["DeadLetterPayoutActivity", "HoldPayoutActivity", "QueryPayoutActivity", "SettlePayoutActivity", "SubmitPayoutActivity"],
            all.Where(e => e.TaskScheduled is not null).Select(e => e.TaskScheduled.Name).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The history up to the saga's last episode is the past; that episode's inputs are new. The
    /// episode's own outputs (the completion) are what the orchestrator must produce again.
    /// </summary>
    private static P.OrchestratorResponse Replay(IReadOnlyList<P.HistoryEvent> history)
    {
        var lastEpisode = history.Select((e, i) => (e, i)).Last(x => x.e.EventTypeCase == P.HistoryEvent.EventTypeOneofCase.OrchestratorStarted).i;
        var request = new P.OrchestratorRequest { InstanceId = "replay" };
        request.PastEvents.AddRange(history.Take(lastEpisode));
        request.NewEvents.AddRange(history.Skip(lastEpisode).Where(e => e.EventTypeCase is not
            (P.HistoryEvent.EventTypeOneofCase.ExecutionCompleted or P.HistoryEvent.EventTypeOneofCase.OrchestratorCompleted)));
        var encoded = GrpcOrchestrationRunner.LoadAndRun(Convert.ToBase64String(request.ToByteArray()), new PayoutSaga(), services: null);
        return P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(encoded));
    }

    private static List<P.HistoryEvent> Load(string fixture)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("tests", "unit", "Payouts", "Histories", fixture)));
        return [.. json.RootElement.EnumerateArray().Select(e => JsonParser.Default.Parse<P.HistoryEvent>(e.GetRawText()))];
    }
}
