using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Wallets;
using WalletFlow.Tests.Integration.UseCases;

namespace WalletFlow.Tests.Integration.Cutover;

/// <summary>
/// Issue 18 item 2 through the real host: a bad file refused whole with every bad line and nothing
/// written; a good file posted once per wallet, gates passed, totals per currency equal the file's to
/// the minor unit, cutover_live set; a failure stops before the live flag; a rollback reverses every
/// opening balance, the books foot, the flags are restored, and asking again changes nothing.
/// </summary>
public sealed class CutoverTests(CutoverHost host) : IClassFixture<CutoverHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Key() => UseCaseFixture.NewId("cutover-key");

    [Fact]
    public async Task A_file_with_bad_rows_is_refused_whole_with_every_bad_line_listed_and_nothing_written()
    {
        var prefix = UseCaseFixture.NewId("bad");
        var csv = $"""
            wallet_id,owner_id,currency,balance,legacy_ref
            {prefix}-1,owner-1,NGN,100.00,L1
            {prefix}-2,owner-1,XXX,5.00,L2
            {prefix}-3,owner-1,NGN,12.345,L3
            {prefix}-1,owner-2,NGN,1.00,L4
            {prefix}-5,owner-1,USD,-3.00,L5
            {prefix}-6,owner-1,USD,3.00
            {prefix}-7,owner-1,KWD,"1.000,L7
            {prefix}-8,owner-1,JPY,1.5,L8
            {prefix}-9,owner-1,JPY,15,L9
            """;
        var key = Key();
        var cutoversBefore = await host.CountAsync("SELECT count(*) FROM walletflow.cutovers");
        var outboxBefore = await host.CountAsync("SELECT count(*) FROM walletflow.outbox");
        var frozenBefore = await host.LegacyFrozenAsync();

        var (status, body, _) = await CutoverHost.UploadAsync(host.Http, csv, key);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", body.GetProperty("code").GetString());
        var lines = body.GetProperty("lines").EnumerateArray().Select(l => (Line: l.GetProperty("line").GetInt32(), Message: l.GetProperty("message").GetString()!)).ToList();
        Assert.Equal([3, 4, 5, 6, 7, 8, 9], lines.Select(l => l.Line).Distinct().Order());
        Assert.Contains(lines, l => l.Line == 3 && l.Message.Contains("unknown_currency", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Line == 4 && l.Message.Contains("invalid_amount", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Line == 5 && l.Message.Contains("duplicate wallet", StringComparison.Ordinal) && l.Message.Contains("line 2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Line == 6 && l.Message.Contains("negative balance", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Line == 7 && l.Message.Contains("4 field(s)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Line == 8 && l.Message.Contains("malformed line", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Line == 9 && l.Message.Contains("invalid_amount", StringComparison.Ordinal));
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("line 6", out var line6) && line6[0].GetString()!.StartsWith("balance:", StringComparison.Ordinal), errors.ToString());

        // Nothing written: no cutover, no row, no wallet (not even the good lines'), no claim, no event, no flag.
        Assert.Equal(cutoversBefore, await host.CountAsync("SELECT count(*) FROM walletflow.cutovers"));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM walletflow.wallets WHERE wallet_id LIKE $1", prefix + "-%"));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM walletflow.idempotency_claims WHERE idempotency_key = $1", key));
        Assert.Equal(outboxBefore, await host.CountAsync("SELECT count(*) FROM walletflow.outbox"));
        Assert.Equal(frozenBefore, await host.LegacyFrozenAsync());

        // A wrong header is line 1; a file that is not text/csv is refused before it is read.
        var (badHeader, headerBody, _) = await CutoverHost.UploadAsync(host.Http, "wallet,owner,ccy,amount\nw,o,NGN,1.00,r\n", Key());
        Assert.Equal(HttpStatusCode.BadRequest, badHeader);
        Assert.Equal(1, headerBody.GetProperty("lines")[0].GetProperty("line").GetInt32());
        using var json = new HttpRequestMessage(HttpMethod.Post, "/v1/cutovers") { Content = JsonContent.Create(new { file = csv }) };
        json.Headers.Add("Idempotency-Key", Key());
        using var refused = await host.Http.SendAsync(json, Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        Assert.Equal(cutoversBefore, await host.CountAsync("SELECT count(*) FROM walletflow.cutovers"));
    }

    [Fact]
    public async Task A_good_file_posts_each_opening_balance_once_passes_the_gates_reconciles_to_the_minor_unit_and_goes_live()
    {
        var file = CutoverFile.Of(300, UseCaseFixture.NewId("good"));
        var key = Key();
        var (status, accepted, location) = await CutoverHost.UploadAsync(host.Http, file.Text, key);
        Assert.True(status == HttpStatusCode.Accepted, accepted.ToString());
        var cutoverId = accepted.GetProperty("cutoverId").GetString()!;
        Assert.Equal($"/v1/cutovers/{cutoverId}", location);

        var done = await CutoverHost.WaitAsync(host.Http, cutoverId, CutoverHost.Ended);
        Assert.True(done.GetProperty("status").GetString() == "Live", done.ToString());
        Assert.Equal("Completed", done.GetProperty("orchestration").GetString());

        // Totals per currency: the file's, the ledger's as reconciled, and the ledger read again here, all equal to the minor unit.
        var totals = done.GetProperty("totals").EnumerateArray().ToDictionary(t => t.GetProperty("currency").GetString()!);
        Assert.Equal(file.Totals.Keys.Order(), totals.Keys.Order());
        var balances = await host.MainBalancesAsync(file);
        foreach (var (currency, minor) in file.Totals)
        {
            Assert.Equal(minor.ToString(), totals[currency].GetProperty("fileMinor").GetString());
            Assert.Equal(minor.ToString(), totals[currency].GetProperty("ledgerMinor").GetString());
            Assert.Equal(minor, file.Rows.Where(r => r.Currency == currency).Aggregate(BigInteger.Zero, (s, r) => s + balances.GetValueOrDefault(r.WalletId)));
        }
        Assert.All(file.Rows, r => Assert.Equal(r.Minor, balances.GetValueOrDefault(r.WalletId)));

        // One opening balance per non-zero wallet, under the cutover's key; every wallet open.
        var nonZero = file.Rows.Count(r => r.Minor > 0);
        Assert.Equal(nonZero, await host.CountAsync("SELECT count(*) FROM ledger.transactions WHERE reference LIKE $1", $"migration-opening-balance:cutover:{cutoverId}:%"));
        Assert.Equal(file.Rows.Count, await host.CountAsync("SELECT count(*) FROM walletflow.wallets WHERE wallet_id = ANY($1)", (object)file.Rows.Select(r => r.WalletId).ToArray()));
        var counts = done.GetProperty("counts");
        Assert.Equal((300, nonZero, 300 - nonZero, 0), (counts.GetProperty("rows").GetInt32(), counts.GetProperty("posted").GetInt32(),
            counts.GetProperty("zeroBalances").GetInt32(), counts.GetProperty("postFailures").GetInt32()));
        Assert.Equal(8, counts.GetProperty("batches").GetInt32());

        // The gates ran for this cutover and passed; both flags are on.
        var run = Assert.Single(await host.Get<IGateRunStore>().ListRecentAsync(50, Ct), r => r.Trigger == $"cutover:{cutoverId}");
        Assert.True(run.Passed, string.Join("; ", run.Gates.SelectMany(g => g.Details)));
        Assert.True(await host.LegacyFrozenAsync());
        Assert.True(await host.CutoverLiveAsync());

        // Every step a transition with one outbox event, in order.
        Assert.Equal(["validate", "freeze", "post-opening-balances", "gates", "reconcile", "go-live"],
            done.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
        Assert.Equal(["CutoverAccepted", "CutoverLegacyFrozen", "CutoverOpeningBalancesPosted", "CutoverGatesPassed", "CutoverReconciled", "CutoverLive"],
            await EventsAsync(cutoverId));

        // The same upload again is the same cutover and posts nothing; the key with another file is a conflict.
        var (again, replay, _) = await CutoverHost.UploadAsync(host.Http, file.Text, key);
        Assert.Equal(HttpStatusCode.Accepted, again);
        Assert.Equal(cutoverId, replay.GetProperty("cutoverId").GetString());
        Assert.Equal("Live", replay.GetProperty("status").GetString());
        var (conflict, _, _) = await CutoverHost.UploadAsync(host.Http, CutoverFile.Of(3, UseCaseFixture.NewId("other")).Text, key);
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Assert.Equal(nonZero, await host.CountAsync("SELECT count(*) FROM ledger.transactions WHERE reference LIKE $1", $"migration-opening-balance:cutover:{cutoverId}:%"));
    }

    [Fact]
    public async Task Rollback_reverses_every_opening_balance_the_books_foot_the_flags_are_restored_and_a_replayed_rollback_changes_nothing()
    {
        var file = CutoverFile.Of(120, UseCaseFixture.NewId("rb"));
        var (_, accepted, _) = await CutoverHost.UploadAsync(host.Http, file.Text, Key());
        var cutoverId = accepted.GetProperty("cutoverId").GetString()!;
        var live = await CutoverHost.WaitAsync(host.Http, cutoverId, CutoverHost.Ended);
        Assert.True(live.GetProperty("status").GetString() == "Live", live.ToString());

        using var rollback = await host.Http.PostAsync($"/v1/cutovers/{cutoverId}/rollback", null, Ct);
        Assert.True(rollback.StatusCode == HttpStatusCode.Accepted, await rollback.Content.ReadAsStringAsync(Ct));
        var rolledBack = await CutoverHost.WaitAsync(host.Http, cutoverId, CutoverHost.Ended);
        Assert.True(rolledBack.GetProperty("status").GetString() == "RolledBack", rolledBack.ToString());
        Assert.Equal("Completed", rolledBack.GetProperty("rollbackOrchestration").GetString());

        await AssertRolledBackAsync(file, cutoverId, rolledBack);

        // Asked again: the same answer, no second reversal, no second event.
        using var replay = await host.Http.PostAsync($"/v1/cutovers/{cutoverId}/rollback", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal("RolledBack", (await replay.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        await Task.Delay(500, Ct);
        await AssertRolledBackAsync(file, cutoverId, await CutoverHost.WaitAsync(host.Http, cutoverId, CutoverHost.Ended));
        Assert.Equal(1, (await EventsAsync(cutoverId)).Count(e => e == "CutoverRolledBack"));

        using var unknown = await host.Http.PostAsync("/v1/cutovers/co_nosuchcutover/rollback", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_row_that_cannot_be_posted_fails_the_cutover_before_the_live_flag_and_the_rollback_reverses_what_was_posted()
    {
        // A wallet already open in another currency: its row cannot be opened, every other row posts.
        var file = CutoverFile.Of(60, UseCaseFixture.NewId("fail"));
        var clash = file.Rows.First(r => r.Currency == "NGN" && r.Minor > 0);
        var opened = await host.Get<OpenWallet>().RunAsync(new OpenWalletRequest(clash.WalletId, "someone-else", "USD"), Ct);
        Assert.True(opened.IsSuccess, opened.ToString());
        var liveBefore = await host.CutoverLiveAsync();

        var (_, accepted, _) = await CutoverHost.UploadAsync(host.Http, file.Text, Key());
        var cutoverId = accepted.GetProperty("cutoverId").GetString()!;
        var failed = await CutoverHost.WaitAsync(host.Http, cutoverId, CutoverHost.Ended);
        Assert.True(failed.GetProperty("status").GetString() == "Failed", failed.ToString());
        Assert.Equal(1, failed.GetProperty("counts").GetProperty("postFailures").GetInt32());
        var failure = Assert.Single(failed.GetProperty("failures").EnumerateArray());
        Assert.Equal(clash.WalletId, failure.GetProperty("walletId").GetString());
        Assert.Contains("post-opening-balances", failed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Stopped before the live flag: no gates, no reconcile, cutover_live untouched; legacy stays frozen until the rollback.
        Assert.DoesNotContain(failed.GetProperty("steps").EnumerateArray(), s => s.GetProperty("step").GetString() is "gates" or "reconcile" or "go-live");
        Assert.Equal(liveBefore, await host.CutoverLiveAsync());
        Assert.True(await host.LegacyFrozenAsync());
        // Another file waits for this one to be rolled back.
        var (blocked, _, _) = await CutoverHost.UploadAsync(host.Http, CutoverFile.Of(2, UseCaseFixture.NewId("next")).Text, Key());
        Assert.Equal(HttpStatusCode.Conflict, blocked);

        using var rollback = await host.Http.PostAsync($"/v1/cutovers/{cutoverId}/rollback", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, rollback.StatusCode);
        var rolledBack = await CutoverHost.WaitAsync(host.Http, cutoverId, CutoverHost.Ended);
        Assert.True(rolledBack.GetProperty("status").GetString() == "RolledBack", rolledBack.ToString());
        var others = file.Rows.Where(r => r.WalletId != clash.WalletId).ToList();
        Assert.Equal(others.Count(r => r.Minor > 0), await host.CountAsync("SELECT count(*) FROM ledger.transactions WHERE reference LIKE $1 AND reverted_at IS NOT NULL", $"migration-opening-balance:cutover:{cutoverId}:%"));
        var balances = await host.MainBalancesAsync(file);
        Assert.All(file.Rows, r => Assert.Equal(BigInteger.Zero, balances.GetValueOrDefault(r.WalletId)));
        Assert.False(await host.LegacyFrozenAsync());
        Assert.False(await host.CutoverLiveAsync());
    }

    [Fact]
    public async Task A_cutover_whose_workflow_was_terminated_half_way_is_recorded_failed_by_the_rollback_and_rolled_back_whole()
    {
        var file = CutoverFile.Of(400, UseCaseFixture.NewId("term"));
        var (_, accepted, _) = await CutoverHost.UploadAsync(host.Http, file.Text, Key());
        var cutoverId = accepted.GetProperty("cutoverId").GetString()!;
        var posted = $"migration-opening-balance:cutover:{cutoverId}:%";
        while (await host.CountAsync("SELECT count(*) FROM ledger.transactions WHERE reference LIKE $1", posted) < 20)
            await Task.Delay(20, Ct);
        // Running: a rollback waits.
        using (var early = await host.Http.PostAsync($"/v1/cutovers/{cutoverId}/rollback", null, Ct))
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        var durable = host.Get<Microsoft.DurableTask.Client.DurableTaskClient>();
        await durable.TerminateInstanceAsync(cutoverId, cancellation: Ct);
        await durable.WaitForInstanceCompletionAsync(cutoverId, cancellation: Ct);
        // Activities already running finish on their own: wait until the postings stop.
        for (long last = -1, now; (now = await host.CountAsync("SELECT count(*) FROM ledger.transactions WHERE reference LIKE $1", posted)) != last; last = now)
            await Task.Delay(1000, Ct);
        var stopped = await host.Http.GetFromJsonAsync<JsonElement>($"/v1/cutovers/{cutoverId}", Ct);
        Assert.Equal(("Frozen", "Terminated"), (stopped.GetProperty("status").GetString(), stopped.GetProperty("orchestration").GetString()));

        using var rollback = await host.Http.PostAsync($"/v1/cutovers/{cutoverId}/rollback", null, Ct);
        Assert.True(rollback.StatusCode == HttpStatusCode.Accepted, await rollback.Content.ReadAsStringAsync(Ct));
        var rolledBack = await CutoverHost.WaitAsync(host.Http, cutoverId, CutoverHost.Ended);
        Assert.True(rolledBack.GetProperty("status").GetString() == "RolledBack", rolledBack.ToString());
        Assert.Contains(rolledBack.GetProperty("steps").EnumerateArray(), s => s.GetProperty("step").GetString() == "fail");
        var balances = await host.MainBalancesAsync(file);
        Assert.All(file.Rows, r => Assert.True(balances.GetValueOrDefault(r.WalletId).IsZero, $"{r.WalletId}: {balances.GetValueOrDefault(r.WalletId)}"));
        Assert.Equal(await host.CountAsync("SELECT count(*) FROM ledger.transactions WHERE reference LIKE $1", posted),
            await host.CountAsync("SELECT count(*) FROM ledger.transactions WHERE reference LIKE $1 AND reverted_at IS NOT NULL", posted));
        Assert.All(await host.AssetSumsAsync(), s => Assert.True(s.Value.IsZero, $"{s.Key} sums to {s.Value}"));
        Assert.False(await host.LegacyFrozenAsync());
        Assert.False(await host.CutoverLiveAsync());
    }

    private async Task AssertRolledBackAsync(CutoverFile file, string cutoverId, JsonElement cutover)
    {
        var balances = await host.MainBalancesAsync(file);
        Assert.All(file.Rows, r => Assert.True(balances.GetValueOrDefault(r.WalletId).IsZero, $"{r.WalletId}: {balances.GetValueOrDefault(r.WalletId)}"));
        var nonZero = file.Rows.Count(r => r.Minor > 0);
        // Each opening balance reverted once by the ledger, each reversal a command; migration equity is back where it was.
        Assert.Equal(nonZero, await host.CountAsync("SELECT count(*) FROM walletflow.commands WHERE template = 'cutover-reversal' AND idempotency_key LIKE $1", $"cutover:{cutoverId}:rollback:%"));
        Assert.Equal(nonZero, await host.CountAsync("SELECT count(*) FROM ledger.transactions WHERE reference LIKE $1", $"migration-opening-balance:cutover:{cutoverId}:%"));
        Assert.Equal(nonZero, await host.CountAsync("SELECT count(*) FROM ledger.transactions WHERE reference LIKE $1 AND reverted_at IS NOT NULL", $"migration-opening-balance:cutover:{cutoverId}:%"));
        Assert.All(await host.AssetSumsAsync(), s => Assert.True(s.Value.IsZero, $"{s.Key} sums to {s.Value}"));
        var rollbackRun = (await host.Get<IGateRunStore>().ListRecentAsync(50, Ct)).First(r => r.Trigger == $"cutover-rollback:{cutoverId}");
        // All four gates pass after the rollback: the statements read model took the reversals too.
        Assert.True(rollbackRun.Passed, string.Join("; ", rollbackRun.Gates.SelectMany(g => g.Details)));
        Assert.False(await host.LegacyFrozenAsync());
        Assert.False(await host.CutoverLiveAsync());
        var counts = cutover.GetProperty("counts");
        Assert.Equal((120, 0), (counts.GetProperty("reversed").GetInt32(), counts.GetProperty("reverseFailures").GetInt32()));
    }

    private async Task<List<string>> EventsAsync(string cutoverId)
    {
        await using var command = host.Db.CreateCommand("SELECT event_type FROM walletflow.outbox WHERE aggregate_type = 'cutover' AND aggregate_id = $1 ORDER BY outbox_id");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = cutoverId });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var events = new List<string>();
        while (await reader.ReadAsync(Ct))
            events.Add(reader.GetString(0));
        return events;
    }
}
