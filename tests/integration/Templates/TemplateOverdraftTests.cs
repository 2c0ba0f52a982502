using WalletFlow.Adapters.Ledger;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Templates;
using WalletFlow.Tests.Integration.Ledger;
using static WalletFlow.Tests.Integration.Templates.TemplateLedger;

namespace WalletFlow.Tests.Integration.Templates;

/// <summary>
/// Wallet, hold and reserve accounts never go negative (design.md §3): every template that draws a
/// stated amount from one of them is refused by the ledger as INSUFFICIENT_FUND one minor unit past
/// what the account holds, and writes nothing. (payout-release and hold-release send what the hold
/// has, so they cannot overdraw it.)
/// </summary>
public class TemplateOverdraftTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private const string W1 = "wallets:w1:main";
    private const string Hold = "wallets:w1:holds:p1";
    private const string Reserve1 = "wallets:w1:reserve";

    [Theory]
    [InlineData(TemplateNames.PayIn, W1)]
    [InlineData(TemplateNames.Transfer, W1)]
    [InlineData(TemplateNames.PayoutHold, W1)]
    [InlineData(TemplateNames.PayoutSettle, Hold)]
    [InlineData(TemplateNames.HoldPlace, W1)]
    [InlineData(TemplateNames.HoldSettle, Hold)]
    [InlineData(TemplateNames.FxConversion, W1)]
    [InlineData(TemplateNames.StablecoinBurn, "wallets:c1:main")]
    [InlineData(TemplateNames.ReserveRelease, Reserve1)]
    [InlineData(TemplateNames.Correction, W1)]
    public async Task Drawing_one_unit_more_than_a_wallet_hold_or_reserve_holds_is_insufficient_fund_and_writes_nothing(string template, string drawn)
    {
        var t = new TemplateLedger(fixture.Ledger, await fixture.NewLedgerAsync());
        var call = await ArrangeAsync(t, template);
        var before = await t.BalancesAsync();
        var transactions = await t.TransactionCountAsync();

        var result = await t.PostAsync(call.Template, call.Vars.Select(v => (v.Key, v.Value)).ToArray());

        Assert.Equal(LedgerErrorCodes.InsufficientFund, result.Error?.Code);
        Assert.Contains(drawn, result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(before, await t.BalancesAsync());
        Assert.Equal(transactions, await t.TransactionCountAsync());
        await t.AssertBooksFootAsync();
    }

    /// <summary>Gives the drawn account some funds and returns a call that needs one unit more.</summary>
    private static async Task<TemplateCall> ArrangeAsync(TemplateLedger t, string template)
    {
        switch (template)
        {
            case TemplateNames.PayIn:
                // The fee and the reserve share come out of the wallet after the principal: 600 + 501 > 1 000 + 100.
                await t.FundAsync(W1, 100);
                return Call(template, ("source", Acc("banks:gtb:NGN")), ("wallet", Acc(W1)), ("reserve", Acc(Reserve1)),
                    ("amount", Ngn(1_000)), ("fee", Ngn(600)), ("reserve_amount", Ngn(501)));
            case TemplateNames.Transfer:
                await t.FundAsync(W1, 500);
                return Call(template, ("from", Acc(W1)), ("to", Acc("wallets:w2:main")), ("amount", Ngn(500)), ("fee", Ngn(1)));
            case TemplateNames.PayoutHold:
                await t.FundAsync(W1, 500);
                return Call(template, ("wallet", Acc(W1)), ("hold", Acc(Hold)), ("amount", Ngn(450)), ("fee", Ngn(51)));
            case TemplateNames.PayoutSettle:
                await t.FundAsync(W1, 500);
                await t.PostOkAsync(TemplateNames.PayoutHold, ("wallet", Acc(W1)), ("hold", Acc(Hold)), ("amount", Ngn(450)), ("fee", Ngn(50)));
                return Call(template, ("hold", Acc(Hold)), ("clearing", Acc("clearing:payouts:sandbox")), ("amount", Ngn(450)), ("fee", Ngn(51)));
            case TemplateNames.HoldPlace:
                await t.FundAsync(W1, 500);
                return Call(template, ("wallet", Acc(W1)), ("hold", Acc(Hold)), ("amount", Ngn(501)));
            case TemplateNames.HoldSettle:
                await t.FundAsync(W1, 500);
                await t.PostOkAsync(TemplateNames.HoldPlace, ("wallet", Acc(W1)), ("hold", Acc(Hold)), ("amount", Ngn(300)));
                return Call(template, ("hold", Acc(Hold)), ("counterparty", Acc("counterparties:acme")), ("amount", Ngn(301)));
            case TemplateNames.FxConversion:
                await t.FundAsync(W1, 150_000);
                return Call(template, ("from", Acc(W1)), ("to", Acc("wallets:w1usd:main")), ("position", Acc("fx:NGN-USD")),
                    ("sold", Ngn(150_001)), ("bought", Usd(99)), ("spread", Usd(1)), ("rounding", Usd(1)), ("rate", Text("0.000666")));
            case TemplateNames.StablecoinBurn:
                await t.PostOkAsync(TemplateNames.StablecoinMint, ("custody", Acc("custody:tron:USDT")), ("wallet", Acc("wallets:c1:main")), ("amount", Usdt(1_000_000)));
                return Call(template, ("wallet", Acc("wallets:c1:main")), ("custody", Acc("custody:tron:USDT")), ("amount", Usdt(1_000_001)));
            case TemplateNames.ReserveRelease:
                await t.PostOkAsync(TemplateNames.PayIn, ("source", Acc("banks:gtb:NGN")), ("wallet", Acc(W1)), ("reserve", Acc(Reserve1)),
                    ("amount", Ngn(1_000)), ("fee", Ngn(0)), ("reserve_amount", Ngn(100)));
                return Call(template, ("reserve", Acc(Reserve1)), ("wallet", Acc(W1)), ("amount", Ngn(101)));
            case TemplateNames.Correction:
                await t.FundAsync(W1, 500);
                return Call(template, ("wallet", Acc(W1)), ("credit", Ngn(0)), ("debit", Ngn(501)), ("reason", Text("clawback")));
            default:
                throw new ArgumentOutOfRangeException(nameof(template), template, "no overdraft case");
        }
    }

    private static TemplateCall Call(string template, params (string Name, TemplateVar Value)[] vars) =>
        new(template, vars.ToDictionary(v => v.Name, v => v.Value));
}
