using System.Numerics;
using Npgsql;
using WalletFlow.Adapters.Ledger;
using InsufficientFunds = WalletFlow.Core.Ports.InsufficientFunds;

namespace WalletFlow.Tests.Integration.Ledger;

/// <summary>
/// A group of plain-postings writes (EmbeddedLedger.GroupCommit.cs) with one request that PostgreSQL
/// itself refuses: that request fails alone, with its own error, and every other request of the group
/// is written and answered exactly as if it had been sent alone (issue 14, "group isolation").
/// </summary>
/// <remarks>
/// The group is formed on purpose: a first write is held on a row lock taken from another connection,
/// so the one writer is busy while every member queues; when the lock goes, the members go together
/// (one writer, groups of up to 48). The poison is an account already holding 10^78 − 1, the most a
/// numeric(78,0) volume holds: one more minor unit overflows (SQLSTATE 22003), although the amount
/// itself is well within the input limits.
/// </remarks>
public class EmbeddedLedgerGroupIsolationTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private const string Ngn = "NGN/2";
    private const string Bank = "banks:gtb:ngn";
    private const string W1 = "wallets:w1:main";
    private const string W2 = "wallets:w2:main";
    private const string Whale = "wallets:whale:main";
    private const string Blocker = "wallets:blocker:main";
    private const int Members = 41;
    private const int PoisonAt = 20;
    private const int SharedKeyFirst = 10;
    private const int SharedKeyReplay = 30;
    private const int Overdraft = 35;
    private static readonly BigInteger Largest = BigInteger.Pow(10, 78) - 1;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private EmbeddedLedger Ledger => fixture.Ledger;

    [Theory]
    [InlineData(false)] // the poison on the group's set-based path
    [InlineData(true)]  // the poison carries a reference: the single write, in a subtransaction of the group
    public async Task A_member_postgres_refuses_fails_alone_and_every_other_member_is_written_as_if_alone(bool poisonHasReference)
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, W1, 1_000_000);
        await fixture.FundAsync(ledger, W2, 1);
        await fixture.FundAsync(ledger, Blocker, 1);
        await FundWhaleAsync(ledger);
        var members = Enumerable.Range(0, Members).Select(i => Member(i, poisonHasReference)).ToArray();

        var outcomes = await SendAsOneGroupAsync(ledger, members);

        // The poison: PostgreSQL's own refusal, for it alone, and nothing of it written.
        var poison = Assert.IsType<PostgresException>(outcomes[PoisonAt].Failure);
        Assert.Equal(PostgresErrorCodes.NumericValueOutOfRange, poison.SqlState);
        Assert.Equal(Largest, await VolumeBalanceAsync(ledger, Whale));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM ledger.postings WHERE ledger = $1 AND destination = 'wallets:whale:main'", ledger));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM ledger.transactions WHERE ledger = $1 AND reference = 'poison'", ledger));

        // Everyone else: the answer each would have had alone, in queue order.
        var written = new List<long>();
        var setBased = new List<long>();
        BigInteger toW2 = 0, toNew = 0;
        for (var i = 0; i < Members; i++)
        {
            if (i == PoisonAt)
                continue;
            Assert.Null(outcomes[i].Failure);
            var result = outcomes[i].Result;
            if (i == Overdraft)
            {
                // Refused for funds with the shortfall as a value: W2 had what the members before it sent.
                Assert.Equal(LedgerErrorCodes.InsufficientFund, result.Error?.Code);
                Assert.Equal(new InsufficientFunds(W2, Ngn, 1_000_000_000, 1 + toW2), result.Error!.Shortfall);
                continue;
            }
            Assert.True(result.Succeeded, $"member {i}: {result.Error?.Message}");
            Assert.Equal(members[i].Postings, result.Value.Postings);
            if (i == SharedKeyReplay)
            {
                Assert.Equal(outcomes[SharedKeyFirst].Result.Value!.Id, result.Value.Id);
                continue;
            }
            written.Add(result.Value.Id);
            var posting = members[i].Postings![0];
            if (posting.Destination == W2)
            {
                toW2 += posting.Amount;
                setBased.Add(result.Value.Id);
            }
            else
                toNew += posting.Amount;
        }
        Assert.Equal(written.Count, await CountAsync("SELECT count(*) FROM ledger.transactions WHERE ledger = $1 AND id = ANY($2)", ledger, written.ToArray()));
        Assert.Equal(1_000_000 - toW2 - toNew, await fixture.BalanceAsync(ledger, W1));
        Assert.Equal(1 + toW2, await fixture.BalanceAsync(ledger, W2));
        Assert.Equal(0, await fixture.SumOfBalancesAsync(ledger));

        // They did travel in groups: the members written set-based share PostgreSQL transactions (and
        // the poison's group was split, so not all of them one).
        var transactions = await CountAsync("SELECT count(DISTINCT xmin::text) FROM ledger.transactions WHERE ledger = $1 AND id = ANY($2)", ledger, setBased.ToArray());
        Assert.InRange(transactions, 2, setBased.Count - 1);
    }

    [Fact]
    public async Task A_poison_request_sent_alone_gets_the_same_error_and_writes_nothing()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, W1, 1_000);
        await FundWhaleAsync(ledger);

        var alone = await Assert.ThrowsAsync<PostgresException>(() => Ledger.CreateTransactionAsync(ledger, Member(PoisonAt, false), null, Ct));

        Assert.Equal(PostgresErrorCodes.NumericValueOutOfRange, alone.SqlState);
        Assert.Equal(Largest, await VolumeBalanceAsync(ledger, Whale));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM ledger.transactions WHERE ledger = $1", ledger));
    }

    // From a bank of its own: the bank's output volume is as full as the whale's input.
    private async Task FundWhaleAsync(string ledger)
    {
        var funded = await Ledger.CreateTransactionAsync(ledger,
            new CreateTransaction([new Posting("banks:whale:ngn", Whale, Largest, Ngn)], Force: true), null, Ct);
        Assert.True(funded.Succeeded, funded.Error?.Message);
    }

    // Member i of the group: mostly W1 → W2 (rows that exist: the group's set-based path), every
    // seventh one to a new account (the single write inside the group), one overdraft of W2, two with
    // one idempotency key and the same request (the second a replay of the first), and the poison.
    private static CreateTransaction Member(int i, bool poisonHasReference) => i switch
    {
        PoisonAt => new CreateTransaction([new Posting(Bank, Whale, 1, Ngn)], Reference: poisonHasReference ? "poison" : null, Force: true),
        Overdraft => new CreateTransaction([new Posting(W2, "wallets:w3:main", 1_000_000_000, Ngn)]),
        SharedKeyReplay => Member(SharedKeyFirst, poisonHasReference),
        _ when i % 7 == 3 => new CreateTransaction([new Posting(W1, $"wallets:new{i}:main", i + 1, Ngn)]),
        _ => new CreateTransaction([new Posting(W1, W2, i + 1, Ngn)]),
    };

    private static string? KeyOf(int i) => i is SharedKeyFirst or SharedKeyReplay ? "shared-key" : null;

    /// <summary>
    /// Holds the one writer on a locked row, queues every member behind it (each call queues its
    /// request before it first yields), then lets the writer go: the members leave as one group.
    /// </summary>
    private async Task<(LedgerResult<LedgerTransaction> Result, Exception? Failure)[]> SendAsOneGroupAsync(string ledger, CreateTransaction[] members)
    {
        await using var holder = await fixture.Database.DataSource.OpenConnectionAsync(Ct);
        await using var hold = await holder.BeginTransactionAsync(Ct);
        await using (var lockRow = new NpgsqlCommand(
            "SELECT 1 FROM ledger.volumes WHERE ledger = $1 AND address = $2 FOR UPDATE", holder, hold))
        {
            lockRow.Parameters.AddWithValue(ledger);
            lockRow.Parameters.AddWithValue(Blocker);
            Assert.Equal(1, await lockRow.ExecuteScalarAsync(Ct));
        }

        var blocked = Ledger.CreateTransactionAsync(ledger, new CreateTransaction([new Posting(Bank, Blocker, 1, Ngn)], Force: true), null, Ct);
        var sent = members.Select((m, i) => Outcome(Ledger.CreateTransactionAsync(ledger, m, KeyOf(i), Ct))).ToArray();
        Assert.False(blocked.IsCompleted);
        Assert.All(sent, s => Assert.False(s.IsCompleted));

        await hold.CommitAsync(Ct);
        Assert.True((await blocked).Succeeded);
        return await Task.WhenAll(sent);
    }

    private static async Task<(LedgerResult<LedgerTransaction> Result, Exception? Failure)> Outcome(Task<LedgerResult<LedgerTransaction>> sent)
    {
        try
        {
            return (await sent, null);
        }
#pragma warning disable CA1031 // the test looks at every member's failure
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (default, e);
        }
    }

    // An account's balance straight from its volumes row, read as an integer: 10^78 fits no decimal.
    private async Task<BigInteger> VolumeBalanceAsync(string ledger, string address)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(
            "SELECT input - output FROM ledger.volumes WHERE ledger = $1 AND address = $2 AND asset = 'NGN/2'");
        command.Parameters.AddWithValue(ledger);
        command.Parameters.AddWithValue(address);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return reader.GetFieldValue<BigInteger>(0);
    }

    private async Task<long> CountAsync(string sql, string ledger, long[]? ids = null)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(ledger);
        if (ids is not null)
            command.Parameters.AddWithValue(ids);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
