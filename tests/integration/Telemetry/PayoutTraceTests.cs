using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using OpenTelemetry.Trace;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Telemetry;
using WalletFlow.Core.Wallets;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Infrastructure;
using WalletFlow.Tests.Integration.UseCases;
using Microsoft.Extensions.DependencyInjection;

namespace WalletFlow.Tests.Integration.Telemetry;

/// <summary>
/// One payout, one trace (issue 21): the real host in-process on the PostgreSQL durable store, its spans
/// caught by OpenTelemetry's in-memory exporter. The trace started by <c>POST /v1/payouts</c> runs through
/// the orchestration and its hold activity down to the hold's SQL, and on through the requery timers to the
/// settle: the trace context crosses the durable boundary (the store keeps the start event's and each
/// scheduled task's trace context, and the orchestration span's id between episodes).
/// </summary>
public sealed class PayoutTraceTests(PostgresServer postgres) : IAsyncLifetime
{
    private readonly FreshDatabase _database = new(postgres);
    private readonly ConcurrentQueue<Activity> _spans = new();
    private WalletFlowServer _server = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await WalletFlowServer.StartAsync(
        [
            "--urls", "http://127.0.0.1:0",
            $"--ConnectionStrings:WalletFlow={_database.ConnectionString}",
            "--Durable:Backend=Postgres",
            "--Payouts:FirstRequeryDelay=00:00:00.300",
            "--Payouts:MaxRequeryDelay=00:00:00.600",
            "--Payments:Sandbox:SettleAfterQueries=2",
            "--Payments:Providers:sandbox:SubmitTimeout=00:00:05",
            "--Payments:Providers:sandbox:QueryTimeout=00:00:05",
            "--Gates:RunOnStartup=false",
        ], Ct, tracing: traces => traces.AddInMemoryExporter(new SpanSink(_spans)));
        _http = await _server.AdminClientAsync();
    }

    [Fact]
    public async Task A_payout_is_one_trace_from_its_POST_through_the_hold_activity_to_its_SQL_and_from_the_requery_timer_to_the_settle()
    {
        var walletId = await FundedWalletAsync();
        var payoutId = UseCaseFixture.NewId("po");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payouts")
        {
            // Sandbox digit 3: pending, then paid on the second requery (two durable timers before the settle).
            Content = JsonContent.Create(new
            {
                payoutId, walletId, amount = "100.00", currency = "NGN", providerId = "sandbox", fee = "1.50",
                beneficiary = new { name = "Ada Obi", accountNumber = "0123456783", bankCode = "058" },
            }),
        };
        request.Headers.Add("Idempotency-Key", UseCaseFixture.NewId("key"));
        using (var started = await _http.SendAsync(request, Ct))
            Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync(Ct));

        // The orchestration's span ends (and is exported) when the saga completes, after the settle.
        var post = await WaitForAsync(() => _spans.FirstOrDefault(s => s.Kind == ActivityKind.Server && s.DisplayName == "POST /v1/payouts"
            && TraceOf(s).Any(o => o.DisplayName == "orchestration:PayoutSaga" && Equals(o.GetTagItem("durabletask.task.instance_id"), payoutId))));
        var trace = TraceOf(post);
        var byId = trace.ToDictionary(s => s.SpanId);
        Activity Single(Func<Activity, bool> match, string what) =>
            trace.SingleOrDefault(match) ?? throw new Xunit.Sdk.XunitException($"No {what} in the trace:\n{Describe(trace)}");
        bool Descends(Activity span, Activity ancestor)
        {
            for (var at = span; at is not null; at = byId.GetValueOrDefault(at.ParentSpanId))
            {
                if (at.SpanId == ancestor.SpanId)
                    return true;
            }
            return false;
        }

        var create = Single(s => s.DisplayName == "create_orchestration:PayoutSaga", "client span starting the saga");
        var orchestration = Single(s => s.DisplayName == "orchestration:PayoutSaga", "orchestration span");
        Assert.True(Descends(create, post), $"the saga's start is not under the POST:\n{Describe(trace)}");
        Assert.True(Descends(orchestration, create), $"the orchestration is not under its start:\n{Describe(trace)}");

        // The hold: activity execution → walletflow's movement span → ledger write → its SQL.
        var hold = Single(s => s.DisplayName == "activity:HoldPayoutActivity" && s.Kind == ActivityKind.Server, "hold activity's execution");
        Assert.True(Descends(hold, orchestration), $"the hold activity is not under the orchestration:\n{Describe(trace)}");
        var holdMovement = Single(s => s.DisplayName == "movement payout-hold", "hold movement span");
        Assert.True(Descends(holdMovement, hold));
        Assert.Equal("posted", holdMovement.GetTagItem(WalletFlowTelemetry.Tags.Outcome));
        Assert.Equal("payout-hold", holdMovement.GetTagItem(WalletFlowTelemetry.Tags.Template));
        Assert.IsType<long>(holdMovement.GetTagItem(WalletFlowTelemetry.Tags.LedgerTransactionId));
        var holdWrite = Single(s => s.DisplayName == "ledger.write" && Descends(s, holdMovement), "hold's ledger write");
        Assert.Equal(holdMovement.GetTagItem(WalletFlowTelemetry.Tags.LedgerTransactionId), holdWrite.GetTagItem(WalletFlowTelemetry.Tags.LedgerTransactionId));
        var holdSql = trace.Where(s => s.Source.Name == "Npgsql" && Descends(s, holdWrite)).ToList();
        Assert.NotEmpty(holdSql);
        Assert.Contains(holdSql, s => s.GetTagItem("db.query.text") is string sql && sql.Contains("COMMIT", StringComparison.Ordinal));
        // The provider was called inside the submit activity.
        var submit = Single(s => s.DisplayName == "activity:SubmitPayoutActivity" && s.Kind == ActivityKind.Server, "submit activity's execution");
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http" && Descends(s, submit));

        // The requery timers, then the requeries, then the settle with its movement and SQL: the same trace.
        var timers = trace.Where(s => s.DisplayName == "orchestration:PayoutSaga:timer").OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(2, timers.Count);
        Assert.All(timers, t => Assert.True(Descends(t, orchestration)));
        var requeries = trace.Where(s => s.DisplayName == "activity:QueryPayoutActivity" && s.Kind == ActivityKind.Server).ToList();
        Assert.Equal(2, requeries.Count);
        var settle = Single(s => s.DisplayName == "activity:SettlePayoutActivity" && s.Kind == ActivityKind.Server, "settle activity's execution");
        Assert.True(Descends(settle, orchestration));
        Assert.True(settle.StartTimeUtc >= timers[^1].StartTimeUtc + timers[^1].Duration, "the settle ran before the last requery timer fired");
        var settleMovement = Single(s => s.DisplayName == "movement payout-settle", "settle movement span");
        Assert.True(Descends(settleMovement, settle));
        Assert.Equal("posted", settleMovement.GetTagItem(WalletFlowTelemetry.Tags.Outcome));
        Assert.Contains(trace, s => s.Source.Name == "Npgsql" && Descends(s, settleMovement));

        // No amounts or beneficiary details in any span of ours.
        foreach (var span in trace.Where(s => s.Source.Name == WalletFlowTelemetry.Name))
        {
            Assert.DoesNotContain(span.TagObjects, t => t.Value is string v && (v.Contains("100.00", StringComparison.Ordinal) || v.Contains("Ada Obi", StringComparison.Ordinal)));
        }
    }

    private List<Activity> TraceOf(Activity span) => [.. _spans.Where(s => s.TraceId == span.TraceId)];

    private static string Describe(IEnumerable<Activity> trace) =>
        string.Join("\n", trace.OrderBy(s => s.StartTimeUtc).Select(s => $"{s.SpanId} <- {s.ParentSpanId} {s.Kind} {s.Source.Name}: {s.DisplayName}"));

    private static async Task<Activity> WaitForAsync(Func<Activity?> find)
    {
        while (true)
        {
            if (find() is { } found)
                return found;
            await Task.Delay(200, Ct); // gives up only when the test is cancelled
        }
    }

    private async Task<string> FundedWalletAsync()
    {
        var services = _server.Services;
        var opened = await services.GetRequiredService<OpenWallet>().RunAsync(new OpenWalletRequest(UseCaseFixture.NewId("w"), "owner-1", "NGN"), Ct);
        Assert.True(opened.IsSuccess, opened.ToString());
        var paid = await services.GetRequiredService<PayIn>().RunAsync(
            new PayInRequest(UseCaseFixture.Key(), opened.Value.Wallet.WalletId, "1000.00", "NGN", "banks:gtb", UseCaseFixture.NewId("ext")), Ct);
        Assert.True(paid.IsSuccess, paid.ToString());
        return opened.Value.Wallet.WalletId;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>The in-memory exporter's collection, thread-safe: spans end on many threads.</summary>
    private sealed class SpanSink(ConcurrentQueue<Activity> spans) : ICollection<Activity>
    {
        public int Count => spans.Count;
        public bool IsReadOnly => false;
        public void Add(Activity item) => spans.Enqueue(item);
        public void Clear() => spans.Clear();
        public bool Contains(Activity item) => spans.Contains(item);
        public void CopyTo(Activity[] array, int arrayIndex) => spans.CopyTo(array, arrayIndex);
        public bool Remove(Activity item) => throw new NotSupportedException();
        public IEnumerator<Activity> GetEnumerator() => spans.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
