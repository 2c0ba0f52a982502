using System.Net;
using WalletFlow.Chaos;

namespace WalletFlow.Tests.Integration.Chaos;

/// <summary>
/// Issue 15's acceptance on the Postgres durable backend, with the real executable killed by SIGKILL:
/// a payout waiting on its requery timer continues in the same orchestration instance after the
/// restart, and an operator's resolution answered 202 before the kill is applied after it.
/// </summary>
[Collection(OneChaosRunAtATime.Name)]
public sealed class PayoutRestartOnPostgresTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Kill_9_during_the_requery_timer_then_restart_continues_the_same_instance_and_the_payout_settles()
    {
        // Pending until the third requery, four seconds apart: the saga spends its time on durable timers.
        await using var stage = await ChaosStage.StartAsync(settleAfterQueries: 3);
        var settings = stage.Settings() with
        {
            FirstRequeryDelay = TimeSpan.FromSeconds(4), BackoffFactor = 1, MaxRequeryDelay = TimeSpan.FromSeconds(4), MaxRequeries = 8,
        };
        var host = await stage.StartHostAsync(settings);
        using var client = new ChaosClient(settings.AdminKeyPath, settings.BaseAddress);
        await ChaosStage.OpenFundedWalletAsync(client, "w-timer", "100.00");
        await ChaosStage.StartPayoutAsync(client, "po-timer", "w-timer", '3');

        // Waiting on a timer: a TimerCreated in the history that has not fired yet.
        var history = await ChaosStage.EventuallyAsync(() => HistoryAsync(stage, "po-timer"),
            events => events.Count(e => e.EventType == "TimerCreated") > events.Count(e => e.EventType == "TimerFired"),
            "po-timer waiting on its requery timer");
        var before = await InstanceAsync(stage, "po-timer");
        var killedAt = DateTime.UtcNow;
        host.Kill();
        var queriesAtKill = stage.Rail.Find("po-timer")!.Queries;
        Assert.True(queriesAtKill < 3, $"the rail had answered {queriesAtKill} requeries before the kill: it had settled already");
        Assert.Equal("Pending", await stage.PayoutStatusAsync("po-timer"));

        await using var restarted = await stage.StartHostAsync(settings);
        await ChaosStage.EventuallyAsync(() => stage.PayoutStatusAsync("po-timer"), s => s == "Settled", "po-timer settled after the restart");
        // The settle activity commits the payout's row; the orchestration completes in the episode after it.
        var after = await ChaosStage.EventuallyAsync(() => InstanceAsync(stage, "po-timer"), i => i.Status == "Completed", "po-timer's orchestration completed");
        var historyAfter = await HistoryAsync(stage, "po-timer");
        Assert.Equal(before.ExecutionId, after.ExecutionId);
        var started = Assert.Single(historyAfter, e => e.EventType == "ExecutionStarted");
        Assert.True(started.RecordedAt < killedAt, $"ExecutionStarted recorded at {started.RecordedAt:O}, the kill was at {killedAt:O}");
        Assert.Equal(before.ExecutionId, started.ExecutionId);
        // The same history went on: what was recorded before the kill is still its prefix, and more followed.
        Assert.Equal(history.Select(e => (e.Sequence, e.EventType)), historyAfter.Take(history.Count).Select(e => (e.Sequence, e.EventType)));
        Assert.True(historyAfter.Count > history.Count);
        Assert.Contains(historyAfter, e => e.EventType == "ExecutionCompleted");
        // The restarted process asked the rail again (the requeries resumed), and the money moved once.
        var paid = stage.Rail.Find("po-timer")!;
        Assert.Equal("accepted", paid.Status);
        Assert.True(paid.Queries >= 3, $"{paid.Queries} requeries");
        Assert.Equal(1, await stage.CountAsync("SELECT count(*) FROM ledger.transactions WHERE reference LIKE 'payout-settle:%:po-timer:%'"));
        Assert.Equal(0, await stage.CountAsync("SELECT count(*) FROM ledger.transactions WHERE reference LIKE 'payout-release:%:po-timer:%'"));
    }

    [Fact]
    public async Task A_manual_resolution_answered_202_before_a_kill_9_is_applied_after_the_restart()
    {
        await using var stage = await ChaosStage.StartAsync();
        var settings = stage.Settings() with
        {
            MaxRequeries = 1, FirstRequeryDelay = TimeSpan.FromMilliseconds(500), MaxRequeryDelay = TimeSpan.FromMilliseconds(500),
            SubmitTimeout = TimeSpan.FromSeconds(1), QueryTimeout = TimeSpan.FromSeconds(1),
        };
        var host = await stage.StartHostAsync(settings);
        using var client = new ChaosClient(settings.AdminKeyPath, settings.BaseAddress);
        // Several payouts in manual review (ambiguous forever), resolved at once and the process killed
        // straight after the last 202: resolutions still unapplied at the kill are what this test is about.
        var payouts = Enumerable.Range(0, 6).Select(i => (PayoutId: $"po-review-{i}", Outcome: i % 3 == 2 ? "release" : "settle")).ToArray();
        await ChaosStage.OpenFundedWalletAsync(client, "w-review", "100.00");
        foreach (var (payoutId, _) in payouts)
            await ChaosStage.StartPayoutAsync(client, payoutId, "w-review", '5');
        foreach (var (payoutId, _) in payouts)
            await ChaosStage.EventuallyAsync(() => ChaosStage.PayoutViewAsync(client, payoutId),
                v => v is ("ManualReview", "Running", "manual-review"), $"{payoutId} waiting for an operator");

        var answers = await Task.WhenAll(payouts.Select(p => client.SendAsync(HttpMethod.Post, $"/v1/payouts/{p.PayoutId}/resolution",
            new { outcome = p.Outcome, evidence = "bank statement line 42", actor = "ops-ada" }, null, Ct)));
        host.Kill();
        Assert.All(answers, a => Assert.True(a.Status == (int)HttpStatusCode.Accepted, a.ToString()));
        var stillInReview = new List<string>();
        foreach (var (payoutId, _) in payouts)
        {
            if (await stage.PayoutStatusAsync(payoutId) == "ManualReview")
                stillInReview.Add(payoutId);
        }
        Assert.True(stillInReview.Count > 0, "every resolution was applied before the kill: the restart had nothing left to apply");
        TestContext.Current.TestOutputHelper?.WriteLine($"{stillInReview.Count} of {payouts.Length} resolutions unapplied at the kill: {string.Join(", ", stillInReview)}");

        await using var restarted = await stage.StartHostAsync(settings);
        foreach (var (payoutId, outcome) in payouts)
        {
            var expected = outcome == "settle" ? "Settled" : "Released";
            await ChaosStage.EventuallyAsync(() => stage.PayoutStatusAsync(payoutId), s => s == expected, $"{payoutId} {expected} as resolved");
            var template = outcome == "settle" ? "payout-settle" : "payout-release";
            // One movement, of the resolved kind: the template's reference names the payout.
            Assert.Equal(1, await stage.CountAsync("SELECT count(*) FROM ledger.transactions WHERE reference LIKE $1", $"{template}:%:{payoutId}:%"));
            Assert.Equal(1, await stage.CountAsync(
                "SELECT count(*) FROM ledger.transactions WHERE reference LIKE 'payout-settle:%:' || $1 || ':%' OR reference LIKE 'payout-release:%:' || $1 || ':%'", payoutId));
        }
        // The rail never learnt anything: the money moved on the operator's word alone, once.
        Assert.All(payouts, p => Assert.Null(stage.Rail.Find(p.PayoutId)!.Status));
    }

    private sealed record HistoryEvent(string ExecutionId, int Sequence, string EventType, DateTime RecordedAt);

    private sealed record Instance(string ExecutionId, string Status);

    private static async Task<List<HistoryEvent>> HistoryAsync(ChaosStage stage, string instanceId)
    {
        await using var command = stage.Db.CreateCommand(
            "SELECT execution_id, sequence, event_type, recorded_at FROM durable.history WHERE instance_id = $1 ORDER BY sequence");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = instanceId });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var events = new List<HistoryEvent>();
        while (await reader.ReadAsync(Ct))
            events.Add(new HistoryEvent(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetDateTime(3)));
        return events;
    }

    private static async Task<Instance> InstanceAsync(ChaosStage stage, string instanceId)
    {
        await using var command = stage.Db.CreateCommand("SELECT execution_id, status FROM durable.instances WHERE instance_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = instanceId });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), $"no durable instance {instanceId}");
        return new Instance(reader.GetString(0), reader.GetString(1));
    }
}
