using System.Numerics;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Templates;
using WalletFlow.Tests.Integration.Ledger;
using static WalletFlow.Tests.Integration.Templates.TemplateLedger;

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
