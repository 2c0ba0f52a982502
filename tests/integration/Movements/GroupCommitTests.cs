using System.Globalization;
using System.Numerics;
using Npgsql;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Adapters.Movements;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Gates;
using WalletFlow.Core.Holds;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Results;
using WalletFlow.Core.Transfers;
using WalletFlow.Tests.Integration.Infrastructure;
using WalletFlow.Tests.Integration.UseCases;
using CorePosting = WalletFlow.Core.Ports.Posting;
using LedgerPosting = WalletFlow.Adapters.Ledger.Posting;

namespace WalletFlow.Tests.Integration.Movements;

/// <summary>
/// Movements on the embedded ledger share transactions (GroupMovementWriter): each is answered exactly
/// as if it had run alone, and one that PostgreSQL refuses fails alone.
/// </summary>
public sealed class GroupCommitTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_movement_PostgreSQL_refuses_fails_alone_and_every_other_member_of_its_group_is_written_as_if_alone()
    {
        // One writer: the first movement's group waits on a lock while every other movement queues.
        await using var fx = new UseCaseFixture(server, new Dictionary<string, string?> { ["Movements:ConcurrentGroups"] = "1" });
        await fx.InitializeAsync();
        var wallets = new List<string>();
        for (var i = 0; i < 8; i++)
            wallets.Add((await fx.OpenWalletAsync("NGN")).WalletId);
        var okBank = UseCaseFixture.NewId("bank");
        Assert.True((await PayInAsync(fx, UseCaseFixture.Key(), wallets[0], "1.00", okBank)).IsSuccess);
        // The poison: a bank whose volumes sit at numeric(78,0)'s largest value, so any pay-in from it
        // overflows when its volumes row is written. Its amount is valid; only PostgreSQL can refuse it.
        var poisonBank = UseCaseFixture.NewId("bank");
        var largest = BigInteger.Pow(10, 78) - 1;
        var seeded = await fx.Get<EmbeddedLedger>().CreateTransactionAsync("walletflow",
            new CreateTransaction([new LedgerPosting($"banks:{poisonBank}:NGN", "equity:funding", largest, "NGN/2")], Force: true), null, Ct);
        Assert.True(seeded.Succeeded, seeded.Error?.Message);

        var writer = fx.Get<GroupMovementWriter>();
        var before = writer.Statistics;
        // Hold the ok bank's volumes row so the first movement's group waits, and the rest queue
        // behind it: they then go together, the poison in the middle of them.
        await using var blocker = await fx.Db.OpenConnectionAsync(Ct);
        await using var blocking = await blocker.BeginTransactionAsync(Ct);
        await using (var hold = new NpgsqlCommand("SELECT 1 FROM ledger.volumes WHERE address = $1 FOR UPDATE", blocker))
        {
            hold.Parameters.AddWithValue($"banks:{okBank}:NGN");
            Assert.Equal(1, await hold.ExecuteScalarAsync(Ct));
        }
        var keys = Enumerable.Range(0, 33).Select(_ => UseCaseFixture.Key()).ToList();
        const int Poison = 16;
        var calls = new List<Task<Result<MovementReceipt>>>();
        calls.Add(PayInAsync(fx, keys[0], wallets[0], "1.00", okBank));
        await WaitForAsync(() => writer.Statistics is { Queued: 0 } now && now.Groups == before.Groups + 1);
        for (var i = 1; i < keys.Count; i++)
            calls.Add(PayInAsync(fx, keys[i], wallets[i % 8], "1.00", i == Poison ? poisonBank : okBank));
        await WaitForAsync(() => writer.Statistics.Queued == keys.Count - 1);
        await blocking.CommitAsync(Ct);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => calls[Poison]);
        Assert.Equal(PostgresErrorCodes.NumericValueOutOfRange, refused.SqlState);
        var after = writer.Statistics;
        Assert.True(after.Splits > before.Splits, "the poison's group was never split: it did not share a group");
        Assert.True(after.MovementsInSharedGroups - before.MovementsInSharedGroups >= keys.Count - 1);
        for (var i = 0; i < keys.Count; i++)
        {
            if (i == Poison)
                continue;
            var answer = await calls[i];
            Assert.True(answer.IsSuccess, $"movement {i}: {answer}");
            Assert.Equal([new CorePosting(new AccountAddress($"banks:{okBank}:NGN"), AccountAddresses.WalletMain(wallets[i % 8]), 100, "NGN/2")],
                answer.Value.Postings);
            // As if alone: a replay answers the same receipt.
            var replay = await PayInAsync(fx, keys[i], wallets[i % 8], "1.00", okBank);
            Assert.Equal(answer.Value, replay.Value, MovementReceiptComparer.Instance);
        }
        Assert.Equal(0, await fx.CountAsync("walletflow.commands", "idempotency_key = $1", keys[Poison].Value));
        Assert.Equal(0, await fx.CountAsync("ledger.transactions", "reference = $1", $"pay-in:{keys[Poison].Value}"));
        Assert.Equal(keys.Count - 1, await fx.CountAsync("walletflow.commands", "idempotency_key = ANY($1)", (object)keys.Select(k => k.Value).ToArray()));
        Assert.Equal(largest, -await fx.BalanceAsync(new AccountAddress($"banks:{poisonBank}:NGN")));
        for (var w = 0; w < 8; w++)
        {
            var expected = (w == 0 ? 100 : 0) + 100 * Enumerable.Range(0, keys.Count).Count(i => i != Poison && i % 8 == w);
            Assert.Equal(expected, await fx.BalanceAsync(AccountAddresses.WalletMain(wallets[w])));
            Assert.Equal(expected, await fx.StatementBalanceAsync(AccountAddresses.WalletMain(wallets[w])));
        }
    }

    [Fact]
    public async Task Movements_sent_together_get_exactly_the_answers_they_get_when_sent_one_by_one()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("WALLETFLOW_RANDOM_SEED"), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed : Random.Shared.Next();
        var settings = new Dictionary<string, string?> { ["Movements:ConcurrentGroups"] = "1" };
        await using var alone = new UseCaseFixture(server, settings);
        await using var together = new UseCaseFixture(server, settings);
        await alone.InitializeAsync();
        await together.InitializeAsync();
        var script = Script(seed, 300);
        foreach (var fx in new[] { alone, together })
        {
            // Created first, so the first movements do not wait for it while later ones queue.
            await fx.Get<EmbeddedLedgerPort>().EnsureLedgerAsync(Ct);
            for (var w = 0; w < Wallets; w++)
                await fx.OpenWalletAsync("NGN", owner: $"owner-{seed}", walletId: $"eq{w}");
        }

        var one = new List<Result<MovementReceipt>>();
        foreach (var step in script)
            one.Add(await step(alone));
        var calls = script.Select(step => step(together)).ToList();
        var all = await Task.WhenAll(calls);

        Assert.True(together.Get<GroupMovementWriter>().Statistics.MovementsInSharedGroups > 0, $"seed {seed}: no group formed");
        for (var i = 0; i < script.Count; i++)
        {
            Assert.True(Same(one[i], all[i]), $"seed {seed} (WALLETFLOW_RANDOM_SEED replays it), step {i}: alone {one[i]}, together {all[i]}");
        }
        Assert.True(one.Count(r => r.IsSuccess) > 50 && one.Count(r => !r.IsSuccess) > 20, $"seed {seed}: too few of one kind of answer");
        var gates = await together.Get<GateRunner>().RunAsync("group-equivalence", Ct);
        Assert.True(gates.Passed, string.Join("; ", gates.Gates.Where(g => !g.Passed).SelectMany(g => g.Details.Take(3))));
    }

    private const int Wallets = 5;

    // Pay-ins, transfers (some overdrawing), holds placed, settled and released by id from a small
    // pool (so some are taken or already closed), replays and conflicting reuses of earlier keys.
    private static List<Func<UseCaseFixture, Task<Result<MovementReceipt>>>> Script(int seed, int count)
    {
        var random = new Random(seed);
        var steps = new List<Func<UseCaseFixture, Task<Result<MovementReceipt>>>>();
        for (var i = 0; i < count; i++)
        {
            var key = IdempotencyKey.Create($"eq-{seed}-{i}").Value;
            var (a, b) = (random.Next(Wallets), random.Next(1, Wallets));
            var to = (a + b) % Wallets;
            var amount = $"{random.Next(1, 60)}.{random.Next(100):00}";
            var hold = $"h{random.Next(8)}";
            steps.Add(random.Next(10) switch
            {
                0 or 1 => fx => PayInAsync(fx, key, $"eq{a}", amount, "eqbank"),
                2 or 3 or 4 => fx => fx.Get<Transfer>().RunAsync(new TransferRequest(key, $"eq{a}", $"eq{to}", amount, "NGN"), Ct),
                5 => fx => fx.Get<PlaceHold>().RunAsync(new PlaceHoldRequest(key, $"eq{a}", amount, "NGN", hold), Ct),
                6 => fx => fx.Get<SettleHold>().RunAsync(new SettleHoldRequest(key, hold, "merchant-1"), Ct),
                7 => fx => fx.Get<ReleaseHold>().RunAsync(new ReleaseHoldRequest(key, hold), Ct),
                8 when i > 0 => steps[random.Next(i)],
                _ when i > 0 => Reuse(IdempotencyKey.Create($"eq-{seed}-{random.Next(i)}").Value, $"eq{a}", amount),
                _ => fx => PayInAsync(fx, key, $"eq{a}", amount, "eqbank"),
            });
        }
        return steps;
    }

    private static Func<UseCaseFixture, Task<Result<MovementReceipt>>> Reuse(IdempotencyKey key, string wallet, string amount) =>
        fx => PayInAsync(fx, key, wallet, amount, "otherbank");

    private static bool Same(Result<MovementReceipt> x, Result<MovementReceipt> y) =>
        x.IsSuccess == y.IsSuccess && (x.IsSuccess
            ? x.Value.TransactionId == y.Value.TransactionId && x.Value.CommandId == y.Value.CommandId
              && x.Value.Postings.SequenceEqual(y.Value.Postings)
              && x.Value.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).SequenceEqual(y.Value.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            : x.Error!.Code == y.Error!.Code && x.Error.Message == y.Error.Message);

    private static Task<Result<MovementReceipt>> PayInAsync(UseCaseFixture fx, IdempotencyKey key, string wallet, string amount, string bank) =>
        fx.Get<PayIn>().RunAsync(new PayInRequest(key, wallet, amount, "NGN", $"banks:{bank}", "ext"), Ct);

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the writer");
            await Task.Delay(10, Ct);
        }
    }
}
