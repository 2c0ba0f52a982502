using System.Numerics;
using Npgsql;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Templates;
using WalletFlow.Tests.Integration.Ledger;
using static WalletFlow.Tests.Integration.Templates.TemplateLedger;
using LedgerTransaction = WalletFlow.Adapters.Ledger.LedgerTransaction;

namespace WalletFlow.Tests.Integration.Templates;

/// <summary>
/// A seeded random run of NGN templates over a few wallets: each call is posted or refused as
/// INSUFFICIENT_FUND / NO_POSTINGS (nothing else), and afterwards every book foots and no wallet,
/// hold or reserve is negative.
/// </summary>
public class TemplateRandomRunTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private static readonly string[] Wallets = ["r1", "r2", "r3"];

    [Theory]
    [InlineData(20261125)]
    [InlineData(7)]
    public async Task Random_template_calls_keep_every_book_at_zero_and_no_customer_account_negative(int seed)
    {
        var t = new TemplateLedger(fixture.Ledger, await fixture.NewLedgerAsync());
        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);

        for (var i = 0; i < 200; i++)
        {
            var call = NextCall(random);
            var result = await t.PostAsync(call.Template, call.Vars.Select(v => (v.Key, v.Value)).ToArray());
            var outcome = result.Succeeded ? "ok" : result.Error!.Code;
            Assert.True(outcome is "ok" or LedgerErrorCodes.InsufficientFund or LedgerErrorCodes.NoPostings,
                $"seed {seed}, call {i} ({call.Template}): {result.Error?.Code} {result.Error?.Message}");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        await t.AssertBooksFootAsync();
        var negative = (await t.BalancesAsync()).Where(b => b.Key.StartsWith("wallets:", StringComparison.Ordinal) && b.Value < BigInteger.Zero).ToList();
        Assert.True(negative.Count == 0, $"seed {seed}: negative customer accounts {string.Join(", ", negative)}");
        Assert.True(outcomes.GetValueOrDefault("ok") > 60, $"seed {seed}: too few postings to mean anything ({string.Join(", ", outcomes)})");
        Assert.True(outcomes.GetValueOrDefault(LedgerErrorCodes.InsufficientFund) > 0, $"seed {seed}: no overdraft was ever attempted");
    }

    /// <summary>
    /// The interpreter is the one definition of a template, whether a script runs alone or in a group
    /// (the movement writer stages many in one transaction): the same seeded calls, sent one by one on
    /// one ledger and in groups of random sizes on another, get identical answers — the same postings
    /// and transaction ids, the same refusals — and leave identical balances.
    /// </summary>
    [Theory]
    [InlineData(20261203)]
    [InlineData(11)]
    public async Task Random_template_calls_sent_in_groups_get_exactly_the_answers_they_get_alone(int seed)
    {
        var ct = TestContext.Current.CancellationToken;
        var aloneLedger = await fixture.NewLedgerAsync();
        var groupedLedger = await fixture.NewLedgerAsync();
        var alone = new TemplateLedger(fixture.Ledger, aloneLedger);
        var random = new Random(seed);
        var calls = Enumerable.Range(0, 200).Select(_ => NextCall(random)).ToList();

        var one = new List<LedgerResult<LedgerTransaction>>();
        foreach (var call in calls)
            one.Add(await alone.PostAsync(call.Template, call.Vars.Select(v => (v.Key, v.Value)).ToArray()));

        var grouped = new List<LedgerResult<LedgerTransaction>>();
        var groups = 0;
        for (var next = 0; next < calls.Count; groups++)
        {
            var size = Math.Min(random.Next(1, 13), calls.Count - next);
            var writes = calls.Skip(next).Take(size).Select(call =>
            {
                var filled = TemplateLedger.Catalog.Fill(call);
                Assert.True(filled.IsSuccess, filled.Error?.Message);
                return new StagedScript(new CreateTransaction(null, new TransactionScript(filled.Value.Plain, filled.Value.Vars)), null);
            }).ToList();
            await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var staged = await fixture.Ledger.StageScriptsAsync(connection, groupedLedger, writes, ct);
            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                staged.AddTo(batch);
                batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
                await batch.ExecuteNonQueryAsync(ct);
            }
            grouped.AddRange(staged.Answers);
            next += size;
        }

        Assert.True(groups < calls.Count / 3, $"seed {seed}: the groups were too small to mean anything");
        for (var i = 0; i < calls.Count; i++)
        {
            var (x, y) = (one[i], grouped[i]);
            var same = x.Succeeded == y.Succeeded && (x.Succeeded
                ? x.Value.Id == y.Value!.Id && x.Value.Postings.SequenceEqual(y.Value.Postings)
                : x.Error!.Code == y.Error!.Code && x.Error.Message == y.Error.Message);
            Assert.True(same, $"seed {seed}, call {i} ({calls[i].Template}): alone {Describe(x)}, grouped {Describe(y)}");
        }
        Assert.Equal(await alone.BalancesAsync(), await new TemplateLedger(fixture.Ledger, groupedLedger).BalancesAsync());
        Assert.True(one.Count(r => r.Succeeded) > 60 && one.Count(r => !r.Succeeded) > 10, $"seed {seed}: too few of one kind of answer");
    }

    private static string Describe(LedgerResult<LedgerTransaction> result) => result.Succeeded
        ? $"tx {result.Value.Id}: {string.Join("; ", result.Value.Postings)}"
        : $"{result.Error!.Code} {result.Error.Message}";

    private static TemplateCall NextCall(Random random)
    {
        string Wallet() => Wallets[random.Next(Wallets.Length)];
        TemplateVar Amount(int max) => Ngn(random.Next(0, max + 1));
        var w = Wallet();
        var main = Acc($"wallets:{w}:main");
        var hold = Acc($"wallets:{w}:holds:h{random.Next(2)}");
        var reserve = Acc($"wallets:{w}:reserve");
        return random.Next(14) switch
        {
            0 or 1 => Call(TemplateNames.PayIn, ("source", Acc(random.Next(2) == 0 ? "banks:gtb:NGN" : "pools:gps:NGN")), ("wallet", main),
                ("reserve", reserve), ("amount", Ngn(random.Next(1, 50_000))), ("fee", Amount(2_000)), ("reserve_amount", Amount(5_000))),
            2 => Call(TemplateNames.Transfer, ("from", main), ("to", Acc($"wallets:{Wallet()}:main")), ("amount", Amount(30_000)), ("fee", Amount(500))),
            3 => Call(TemplateNames.PayoutHold, ("wallet", main), ("hold", hold), ("amount", Amount(20_000)), ("fee", Amount(500))),
            4 => Call(TemplateNames.PayoutSettle, ("hold", hold), ("clearing", Acc("clearing:payouts:sandbox")), ("amount", Amount(20_000)), ("fee", Amount(500))),
            5 => Call(TemplateNames.PayoutRelease, ("hold", hold), ("wallet", main), ("asset", AssetOf(WalletFlow.Core.Monetary.Currency.NGN))),
            6 => Call(TemplateNames.HoldPlace, ("wallet", main), ("hold", hold), ("amount", Amount(20_000))),
            7 => Call(TemplateNames.HoldSettle, ("hold", hold), ("counterparty", Acc("counterparties:acme")), ("amount", Amount(20_000))),
            8 => Call(TemplateNames.HoldRelease, ("hold", hold), ("wallet", main), ("asset", AssetOf(WalletFlow.Core.Monetary.Currency.NGN))),
            9 => Call(TemplateNames.ReserveRelease, ("reserve", reserve), ("wallet", main), ("amount", Amount(5_000))),
            10 => Call(TemplateNames.Correction, ("wallet", main), ("credit", Amount(1_000)), ("debit", Amount(3_000)), ("reason", Text("random"))),
            11 => Call(TemplateNames.CounterpartySettlement, ("counterparty", Acc("counterparties:acme")), ("bank", Acc("banks:gtb:NGN")), ("amount", Amount(20_000))),
            12 => Call(TemplateNames.PoolFunding, ("pool", Acc("pools:gps:NGN")), ("bank", Acc("banks:gtb:NGN")), ("amount", Amount(50_000))),
            _ => Call(TemplateNames.MigrationOpeningBalance, ("wallet", main), ("amount", Amount(10_000))),
        };
    }

    private static TemplateCall Call(string template, params (string Name, TemplateVar Value)[] vars) =>
        new(template, vars.ToDictionary(v => v.Name, v => v.Value));
}
