using Npgsql;
using WalletFlow.Core.Accounts;

namespace WalletFlow.Tests.Integration.Payouts;

/// <summary>
/// Money rule 2: the hold step ends a payout Rejected only when the request cannot be held (insufficient
/// funds, invalid input). A key another execution is holding right now (idempotency_in_progress) is not
/// an answer: the step is retried, and the payout goes on once the key is free.
/// </summary>
public sealed class HoldTransientRefusalTests(PayoutHost host) : IClassFixture<PayoutHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_hold_whose_key_is_in_progress_elsewhere_is_retried_not_rejected_and_the_payout_settles_once()
    {
        var wallet = await host.FundedWalletAsync("500.00");
        var payoutId = PayoutIdNobodyUsedYet();

        // Another execution of this payout's hold is inside its transaction: it holds the key's claim lock,
        // exactly as PostgresIdempotencyClaims takes it.
        await using var other = await host.Db.OpenConnectionAsync(Ct);
        var otherTransaction = await other.BeginTransactionAsync(Ct);
        await using (var claim = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", other, otherTransaction))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = $"idempotency:payout:{payoutId}:hold" });
            await claim.ExecuteNonQueryAsync(Ct);
        }

        await PayoutCalls.StartAsync(host, wallet.WalletId, '1', payoutId);
        var refused = await PayoutCalls.WaitUntilAsync(host, payoutId, p =>
            PayoutCalls.Ended(p) || p.GetProperty("detail").GetString()?.Contains("idempotency_in_progress", StringComparison.Ordinal) == true);
        Assert.True(PayoutCalls.Status(refused) == "Requested", $"a key in progress ended the payout: {refused}");
        Assert.Equal(50_000, await host.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));

        await otherTransaction.RollbackAsync(Ct); // the other execution went away without holding
        var payout = await PayoutCalls.WaitUntilAsync(host, payoutId, PayoutCalls.Ended);

        Assert.True(PayoutCalls.Status(payout) == "Settled", payout.ToString());
        Assert.Equal(50_000 - 10_150, await host.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));
        Assert.Equal(0, await host.BalanceAsync(AccountAddresses.WalletHold(wallet.WalletId, payoutId)));
        var events = await host.OutboxEventsAsync(payoutId);
        Assert.DoesNotContain("PayoutRejected", events);
        Assert.Single(events, e => e == "PayoutFundsHeld");
        Assert.Single(events, e => e == "PayoutSettled");
    }

    private static string PayoutIdNobodyUsedYet() => UseCases.UseCaseFixture.NewId("po");
}
