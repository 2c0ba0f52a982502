using System.Diagnostics;
using System.Net;
using System.Numerics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Reserves;
using WalletFlow.Core.Wallets;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Infrastructure;
using WalletFlow.Tests.Integration.UseCases;

namespace WalletFlow.Tests.Integration.Reserves;

/// <summary>
/// host/'s reserve maturity timer (issue 18 acceptance: "a tranche maturing during a run is released once,
/// by the timer"): the real host, its hosted timer on a one-second interval, the real durable worker on the
/// default PostgreSQL store, and the ledger.
/// </summary>
public sealed class ReserveMaturityTimerTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<WalletFlowServer> StartAsync(string interval) => WalletFlowServer.StartAsync(
        ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={database.ConnectionString}", $"--Reserves:MaturityInterval={interval}"], Ct);

    /// <summary>A wallet of a new owner who keeps 10 % for 30 days, paid 1000.00: one tranche of 100.00, not due for a month.</summary>
    private async Task<(string WalletId, string TrancheId)> ReservedWalletAsync(WalletFlowServer server)
    {
        var owner = UseCaseFixture.NewId("owner");
        var opened = await server.Services.GetRequiredService<OpenWallet>().RunAsync(new OpenWalletRequest(UseCaseFixture.NewId("w"), owner, "NGN"), Ct);
        Assert.True(opened.IsSuccess, opened.ToString());
        var policy = await server.Services.GetRequiredService<SetReservePolicy>().RunAsync(new SetReservePolicyRequest(owner, 1000, 30), "tests", Ct);
        Assert.True(policy.IsSuccess, policy.ToString());
        var walletId = opened.Value.Wallet.WalletId;
        var paid = await server.Services.GetRequiredService<PayIn>().RunAsync(
            new PayInRequest(UseCaseFixture.Key(), walletId, "1000.00", "NGN", "banks:gtb", UseCaseFixture.NewId("ext")), Ct);
        Assert.True(paid.IsSuccess, paid.ToString());
        return (walletId, (string)(await ScalarAsync("SELECT tranche_id FROM walletflow.reserve_tranches WHERE wallet_id = $1", walletId))!);
    }

    [Fact]
    public async Task A_tranche_maturing_during_the_run_is_released_once_by_the_timer_and_one_released_by_hand_is_not_released_again()
    {
        // Arranged with the timer off, so the release by hand cannot race it.
        string maturing, byHand, maturingWallet, byHandWallet;
        await using (var arranging = await StartAsync("00:00:00"))
        {
            (maturingWallet, maturing) = await ReservedWalletAsync(arranging);
            (byHandWallet, byHand) = await ReservedWalletAsync(arranging);
            await ExecuteAsync("UPDATE walletflow.reserve_tranches SET matures_at = now() - interval '1 second' WHERE tranche_id = $1", byHand);
            using var http = await arranging.AdminClientAsync();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/reserves/release")
            {
                Content = new StringContent($$"""{"walletId":"{{byHandWallet}}"}""", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", UseCaseFixture.NewId("key"));
            using var released = await http.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Created, released.StatusCode);
        }
        var releasedByHand = (string)(await ScalarAsync("SELECT released_by FROM walletflow.reserve_tranches WHERE tranche_id = $1", byHand))!;

        await using var server = await StartAsync("00:00:01");
        // Matures a few seconds into the run: ticks before it find nothing, a tick after it releases it.
        await ExecuteAsync("UPDATE walletflow.reserve_tranches SET matures_at = now() + interval '3 seconds' WHERE tranche_id = $1", maturing);
        var releasedBy = await EventuallyAsync(async () => await ScalarAsync("SELECT released_by FROM walletflow.reserve_tranches WHERE tranche_id = $1", maturing) as string,
            TimeSpan.FromSeconds(60), "the timer released the maturing tranche");

        // Released by the timer's step: the command's key is the tranche's.
        var key = ReserveMaturity.TrancheKey(maturing).Value;
        Assert.Equal(key, await ScalarAsync("SELECT idempotency_key FROM walletflow.commands WHERE command_id = $1", releasedBy));
        var releasedAt = (DateTime)(await ScalarAsync("SELECT released_at FROM walletflow.reserve_tranches WHERE tranche_id = $1", maturing))!;
        var maturesAt = (DateTime)(await ScalarAsync("SELECT matures_at FROM walletflow.reserve_tranches WHERE tranche_id = $1", maturing))!;
        Assert.True(releasedAt >= maturesAt, $"released at {releasedAt:O}, matures at {maturesAt:O}");

        // A later run finds nothing due and releases nothing more.
        var client = server.Services.GetRequiredService<DurableTaskClient>();
        var later = await EventuallyAsync(async () =>
        {
            var instance = await client.GetInstanceAsync(ReserveMaturity.InstanceId(DateTimeOffset.UtcNow), getInputsAndOutputs: true, Ct);
            return instance is { RuntimeStatus: OrchestrationRuntimeStatus.Completed } && instance.CreatedAt > releasedAt.AddSeconds(0.5)
                ? instance.ReadOutputAs<ReserveMaturityResult>()
                : null;
        }, TimeSpan.FromSeconds(60), "a maturity run completed after the release");
        Assert.Equal((0, 0, 0, 0), (later.Due, later.Released, later.AlreadyReleased, later.Refused));

        // Exactly one release of each tranche: one command, one ledger transaction, the money back.
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM walletflow.commands WHERE operation = 'reserve-release' AND (request->>'trancheId' = $1 OR request->>'walletId' = $2)", maturing, maturingWallet));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM ledger.transactions WHERE reference = $1", "reserve-release:" + key));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM walletflow.commands WHERE operation = 'reserve-release' AND (request->>'walletId' = $1 OR request->>'trancheId' = $2)", byHandWallet, byHand));
        Assert.Equal(releasedByHand, await ScalarAsync("SELECT released_by FROM walletflow.reserve_tranches WHERE tranche_id = $1", byHand));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM walletflow.idempotency_claims WHERE idempotency_key = $1", ReserveMaturity.TrancheKey(byHand).Value));
        var ledger = server.Services.GetRequiredService<ILedger>();
        foreach (var wallet in new[] { maturingWallet, byHandWallet })
        {
            Assert.Equal(new BigInteger(100_000), await BalanceAsync(ledger, AccountAddresses.WalletMain(wallet)));
            Assert.Equal(BigInteger.Zero, await BalanceAsync(ledger, AccountAddresses.WalletReserve(wallet)));
        }
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM walletflow.outbox WHERE aggregate_id = $1 AND event_type = 'ReserveReleased'", maturingWallet));
    }

    [Fact]
    public async Task A_run_releases_at_most_a_batch_each_due_tranche_in_its_own_command_and_the_next_run_the_rest()
    {
        await using var server = await WalletFlowServer.StartAsync(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={database.ConnectionString}", "--Reserves:MaturityInterval=00:00:00", "--Reserves:MaturityBatchSize=2"], Ct);
        var (first, firstTranche) = await ReservedWalletAsync(server);
        var paid = await server.Services.GetRequiredService<PayIn>().RunAsync(
            new PayInRequest(UseCaseFixture.Key(), first, "500.00", "NGN", "banks:gtb", UseCaseFixture.NewId("ext")), Ct);
        Assert.True(paid.IsSuccess, paid.ToString());
        var (second, secondTranche) = await ReservedWalletAsync(server);
        // Three due tranches (two of one wallet), oldest first: the first wallet's two, then the second's.
        await ExecuteAsync("UPDATE walletflow.reserve_tranches SET matures_at = now() - interval '3 seconds' WHERE wallet_id = $1 AND tranche_id = $2", first, firstTranche);
        await ExecuteAsync("UPDATE walletflow.reserve_tranches SET matures_at = now() - interval '2 seconds' WHERE wallet_id = $1 AND tranche_id <> $2", first, firstTranche);
        await ExecuteAsync("UPDATE walletflow.reserve_tranches SET matures_at = now() - interval '1 second' WHERE tranche_id = $1", secondTranche);
        var runs = server.Services.GetRequiredService<IReserveMaturityRuns>();
        var client = server.Services.GetRequiredService<DurableTaskClient>();

        var firstRun = await RunAsync(runs, client);
        Assert.Equal((2, 2, 0, 0), (firstRun.Due, firstRun.Released, firstRun.AlreadyReleased, firstRun.Refused));
        Assert.Equal(BigInteger.Zero, await BalanceAsync(server.Services.GetRequiredService<ILedger>(), AccountAddresses.WalletReserve(first)));
        Assert.NotNull(await ScalarAsync("SELECT 1 FROM walletflow.reserve_tranches WHERE tranche_id = $1 AND released_by IS NULL", secondTranche));
        var secondRun = await RunAsync(runs, client);
        Assert.Equal((1, 1), (secondRun.Due, secondRun.Released));

        // One command per tranche, keyed by it; both wallets whole again (1000.00 + 500.00, and 1000.00).
        Assert.Equal(3L, await ScalarAsync("""
            SELECT count(*) FROM walletflow.reserve_tranches t JOIN walletflow.commands c ON c.command_id = t.released_by
            WHERE t.wallet_id IN ($1, $2) AND c.idempotency_key = 'reserve-release:' || t.tranche_id
            """, first, second));
        Assert.Equal(3L, await ScalarAsync("SELECT count(*) FROM walletflow.commands WHERE operation = 'reserve-release' AND request->>'trancheId' IN (SELECT tranche_id FROM walletflow.reserve_tranches WHERE wallet_id IN ($1, $2))", first, second));
        var ledger = server.Services.GetRequiredService<ILedger>();
        Assert.Equal((new BigInteger(150_000), new BigInteger(100_000)),
            (await BalanceAsync(ledger, AccountAddresses.WalletMain(first)), await BalanceAsync(ledger, AccountAddresses.WalletMain(second))));
        Assert.Equal(BigInteger.Zero, await BalanceAsync(ledger, AccountAddresses.WalletReserve(second)));
    }

    /// <summary>Starts the run of now through the host's port and waits for it to complete.</summary>
    private static async Task<ReserveMaturityResult> RunAsync(IReserveMaturityRuns runs, DurableTaskClient client)
    {
        var instanceId = await runs.StartAsync(DateTimeOffset.UtcNow, Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        return done.ReadOutputAs<ReserveMaturityResult>()!;
    }

    [Fact]
    public async Task A_maturity_interval_under_a_second_but_not_zero_stops_start_up_naming_the_setting()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("00:00:00.500"));

        Assert.Contains("Reserves:MaturityInterval", string.Join(" ", refused.Failures), StringComparison.Ordinal);
    }

    private static async Task<BigInteger> BalanceAsync(ILedger ledger, AccountAddress account) =>
        (await ledger.GetBalancesAsync(account, Ct)).FirstOrDefault(b => b.Asset == "NGN/2")?.Balance ?? BigInteger.Zero;

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found)
                return found;
            Assert.True(clock.Elapsed < timeout, $"waited {timeout} for: {what}");
            await Task.Delay(200, Ct);
        }
    }

    private async Task<object?> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        var value = await command.ExecuteScalarAsync(Ct);
        return value is DBNull ? null : value;
    }

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
    }
}
