using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using Npgsql;
using WalletFlow.Core.Gates;
using WalletFlow.Core.Ports;
using WalletFlow.Tests.Integration.UseCases;

namespace WalletFlow.Tests.Integration.Payouts;

/// <summary>
/// The host stops in the middle of a batch of payouts: the in-memory backend loses every orchestration,
/// the payouts table and the ledger keep what the activities committed. On the next start the saga
/// sweeper re-drives every unfinished payout under its own instance id, and the idempotent steps make
/// that safe: nothing settles or releases twice, the books foot, and the open holds match the holds accounts.
/// </summary>
public sealed class PayoutRestartTests(PayoutHost host) : IClassFixture<PayoutHost>
{
    private const int Batch = 200;
    private const int BeforeStop = 120;
    private const int PayoutsPerWallet = 5;

    private static readonly string[] Terminal = ["Settled", "Released", "Rejected"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Mostly instant success; some reject, pending→success, pending→failure; a few ambiguous forever.</summary>
    private static char SandboxDigit(int i) => (i % 20, i % 10) switch
    {
        (0, _) => '5',
        (_, 3) => '3',
        (_, 7) => '4',
        (_, 9) => '2',
        _ => '1',
    };

    [Fact]
    public async Task A_restart_in_the_middle_of_a_batch_re_drives_every_payout_and_nothing_moves_twice()
    {
        var wallets = new List<string>();
        for (var w = 0; w < Batch / PayoutsPerWallet; w++)
            wallets.Add((await host.FundedWalletAsync("100.00")).WalletId);
        var payouts = Enumerable.Range(0, Batch)
            .Select(i => (PayoutId: UseCaseFixture.NewId("po"), WalletId: wallets[i / PayoutsPerWallet], Digit: SandboxDigit(i), Key: UseCaseFixture.NewId("key")))
            .ToArray();

        await StartAllAsync(payouts[..BeforeStop]);
        await host.StopAsync(); // the sagas of the first part are in flight: held, submitted, waiting on timers
        var unfinishedAtStop = await CountUnfinishedAsync(payouts.Select(p => p.PayoutId).ToArray());
        TestContext.Current.SendDiagnosticMessage($"{unfinishedAtStop} of {BeforeStop} payouts unfinished when the host stopped");
        // At least the ambiguous-forever ones (digit 5) are mid-saga: their requery budget is 30 s.
        Assert.True(unfinishedAtStop > 0, "every payout had finished before the stop: the restart re-drove nothing");

        await host.StartAsync("--Payouts:SweepInterval=00:00:01");
        await StartAllAsync(payouts[BeforeStop..]);
        // A payout started before the stop, asked for again with its key after the restart, is the same payout.
        await StartAllAsync(payouts[..10]);
        await WaitUntilSettledReleasedRejectedOrInReviewAsync(payouts.Select(p => p.PayoutId).ToArray());

        var outcomes = await OutcomesAsync(payouts.Select(p => p.PayoutId).ToArray());
        Assert.Equal(Batch, outcomes.Count);
        foreach (var (payoutId, _, digit, _) in payouts)
        {
            var o = outcomes[payoutId];
            // A provider call that times out is ambiguous, never a failure: on a loaded machine any payout may end in
            // ManualReview. What it must never do is end in the other definitive outcome, or end while still unknown.
            var expected = digit switch { '1' or '3' => "Settled", '2' or '4' => "Released", _ => "ManualReview" };
            Assert.True(o.Status == expected || o.Status == "ManualReview", $"{payoutId} (digit {digit}): {o}");
            Assert.True(o.Holds == 1, $"{payoutId}: one hold, {o}");
            Assert.True(o.FundsHeldEvents == 1, $"{payoutId}: funds held once, {o}");
            switch (o.Status)
            {
                case "Settled":
                    Assert.True(o is { SettleTransactions: 1, ReleaseTransactions: 0, HoldStatus: "settled", SettledEvents: 1, ReleasedEvents: 0 }, $"{payoutId}: {o}");
                    break;
                case "Released":
                    Assert.True(o is { SettleTransactions: 0, ReleaseTransactions: 1, HoldStatus: "released", SettledEvents: 0, ReleasedEvents: 1 }, $"{payoutId}: {o}");
                    break;
                default: // still unknown at the provider: the money stays held
                    Assert.True(o is { SettleTransactions: 0, ReleaseTransactions: 0, HoldStatus: "open", SettledEvents: 0, ReleasedEvents: 0 }, $"{payoutId}: {o}");
                    break;
            }
        }

        var sums = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        await foreach (var balance in host.Get<ILedger>().ListBalancesAsync("", Ct))
            sums[balance.Asset] = sums.GetValueOrDefault(balance.Asset) + balance.Balance;
        Assert.All(sums, s => Assert.True(s.Value.IsZero, $"{s.Key} sums to {s.Value}"));

        var gates = await host.Get<GateRunner>().RunAsync("payout-restart-test", Ct);
        Assert.All(gates.Gates.Where(r => r.Gate is GateNames.BooksFoot or GateNames.HoldsMatch),
            r => Assert.True(r.Passed, $"{r.Gate}: {string.Join("; ", r.Details)}"));
    }

    private async Task StartAllAsync(IEnumerable<(string PayoutId, string WalletId, char Digit, string Key)> batch) =>
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (p, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payouts")
            {
                Content = JsonContent.Create(new
                {
                    payoutId = p.PayoutId, walletId = p.WalletId, amount = "10.00", currency = "NGN", providerId = "sandbox", fee = "0.50",
                    beneficiary = new { name = "Ada Obi", accountNumber = "012345678" + p.Digit, bankCode = "058" },
                }),
            };
            request.Headers.Add("Idempotency-Key", p.Key);
            using var response = await host.Http.SendAsync(request, ct);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{p.PayoutId}: {response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        });

    private async Task<int> CountUnfinishedAsync(string[] payoutIds)
    {
        await using var command = host.Db.CreateCommand("SELECT count(*) FROM walletflow.payouts WHERE payout_id = ANY($1) AND status <> ALL($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = payoutIds });
        command.Parameters.Add(new NpgsqlParameter { Value = Terminal });
        return Convert.ToInt32(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Until every payout is terminal, or in ManualReview with a live saga waiting for the operator
    /// (a payout dead-lettered before the stop is re-driven and dead-letters again). Not a timing
    /// assertion: the loop only gives up when the test is cancelled, with what is still open.
    /// </summary>
    private async Task WaitUntilSettledReleasedRejectedOrInReviewAsync(string[] payoutIds)
    {
        var open = payoutIds;
        while (open.Length > 0)
        {
            Ct.ThrowIfCancellationRequested();
            var statuses = await StatusesAsync(open);
            var next = new List<string>();
            foreach (var payoutId in open)
            {
                var status = statuses[payoutId];
                if (Terminal.Contains(status))
                    continue;
                if (status == "ManualReview")
                {
                    var payout = await host.Http.GetFromJsonAsync<JsonElement>($"/v1/payouts/{payoutId}", Ct);
                    if (payout.GetProperty("orchestration").GetString() == "Running" && payout.GetProperty("step").GetString() == "manual-review")
                        continue;
                }
                next.Add(payoutId);
            }
            open = [.. next];
            if (open.Length > 0)
                await Task.Delay(250, Ct);
        }
    }

    private async Task<Dictionary<string, string>> StatusesAsync(string[] payoutIds)
    {
        await using var command = host.Db.CreateCommand("SELECT payout_id, status FROM walletflow.payouts WHERE payout_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = payoutIds });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var statuses = payoutIds.ToDictionary(id => id, _ => "(no row)", StringComparer.Ordinal);
        while (await reader.ReadAsync(Ct))
            statuses[reader.GetString(0)] = reader.GetString(1);
        return statuses;
    }

    private sealed record Outcome(
        string Status, long SettleTransactions, long ReleaseTransactions, long Holds, string? HoldStatus,
        long FundsHeldEvents, long SettledEvents, long ReleasedEvents);

    /// <summary>Per payout: its status, the ledger transactions under its settle and release references, its hold rows, its outbox events.</summary>
    private async Task<Dictionary<string, Outcome>> OutcomesAsync(string[] payoutIds)
    {
        await using var command = host.Db.CreateCommand("""
            SELECT p.payout_id, p.status,
                   (SELECT count(*) FROM ledger.transactions t WHERE t.reference = 'payout-settle:payout:' || p.payout_id || ':settle'),
                   (SELECT count(*) FROM ledger.transactions t WHERE t.reference = 'payout-release:payout:' || p.payout_id || ':release'),
                   (SELECT count(*) FROM walletflow.holds h WHERE h.hold_id = p.payout_id),
                   (SELECT string_agg(h.status, ',') FROM walletflow.holds h WHERE h.hold_id = p.payout_id),
                   (SELECT count(*) FROM walletflow.outbox o WHERE o.aggregate_id = p.payout_id AND o.event_type = 'PayoutFundsHeld'),
                   (SELECT count(*) FROM walletflow.outbox o WHERE o.aggregate_id = p.payout_id AND o.event_type = 'PayoutSettled'),
                   (SELECT count(*) FROM walletflow.outbox o WHERE o.aggregate_id = p.payout_id AND o.event_type = 'PayoutReleased')
            FROM walletflow.payouts p WHERE p.payout_id = ANY($1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = payoutIds });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var outcomes = new Dictionary<string, Outcome>(StringComparer.Ordinal);
        while (await reader.ReadAsync(Ct))
            outcomes[reader.GetString(0)] = new Outcome(reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8));
        return outcomes;
    }
}
