using System.Numerics;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Templates;
using WalletFlow.Tests.Integration.Ledger;
using static WalletFlow.Tests.Integration.Templates.TemplateLedger;

namespace WalletFlow.Tests.Integration.Templates;

/// <summary>
/// Each of the 18 templates run on the embedded ledger over PostgreSQL: the exact postings, every
/// resulting balance of the ledger, and the books footing to zero per asset afterwards.
/// </summary>
public class TemplatePostingTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private const string Bank = "banks:gtb:NGN";
    private const string W1 = "wallets:w1:main";
    private const string W2 = "wallets:w2:main";
    private const string Reserve1 = "wallets:w1:reserve";
    private const string Fees = "revenue:fees";

    [Fact]
    public async Task Pay_in_from_a_bank_credits_the_wallet_then_takes_the_fee_and_the_reserve_share_from_it()
    {
        var t = await NewAsync();

        var postings = await t.PostOkAsync(TemplateNames.PayIn, ("source", Acc(Bank)), ("wallet", Acc(W1)), ("reserve", Acc(Reserve1)),
            ("amount", Ngn(100_000)), ("fee", Ngn(1_500)), ("reserve_amount", Ngn(10_000)));

        Assert.Equal([P(Bank, W1, 100_000), P(W1, Fees, 1_500), P(W1, Reserve1, 10_000)], postings);
        Assert.Equal(Balances((Bank, -100_000), (W1, 88_500), (Fees, 1_500), (Reserve1, 10_000)), await t.BalancesAsync());
        await t.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Pay_in_from_a_pool_with_no_fee_and_no_reserve_posts_the_principal_only()
    {
        var t = await NewAsync();

        var postings = await t.PostOkAsync(TemplateNames.PayIn, ("source", Acc("pools:gps:NGN")), ("wallet", Acc(W1)), ("reserve", Acc(Reserve1)),
            ("amount", Ngn(70_000)), ("fee", Ngn(0)), ("reserve_amount", Ngn(0)));

        Assert.Equal([P("pools:gps:NGN", W1, 70_000)], postings);
        Assert.Equal(Balances(("pools:gps:NGN", -70_000), (W1, 70_000)), await t.BalancesAsync());
        await t.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Transfer_moves_the_amount_between_wallets_and_the_fee_from_the_sender_to_revenue()
    {
        var t = await NewAsync();
        await t.FundAsync(W1, 50_000);

        var postings = await t.PostOkAsync(TemplateNames.Transfer, ("from", Acc(W1)), ("to", Acc(W2)), ("amount", Ngn(20_000)), ("fee", Ngn(100)));

        Assert.Equal([P(W1, W2, 20_000), P(W1, Fees, 100)], postings);
        Assert.Equal(Balances((Bank, -50_000), (W1, 29_900), (W2, 20_000), (Fees, 100)), await t.BalancesAsync());
        await t.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Payout_hold_then_settle_moves_amount_and_fee_into_the_hold_then_to_clearing_and_revenue()
    {
        var t = await NewAsync();
        await t.FundAsync(W1, 50_000);
        const string hold = "wallets:w1:holds:p1";
        const string clearing = "clearing:payouts:sandbox";

        var held = await t.PostOkAsync(TemplateNames.PayoutHold, ("wallet", Acc(W1)), ("hold", Acc(hold)), ("amount", Ngn(30_000)), ("fee", Ngn(250)));
        Assert.Equal([P(W1, hold, 30_000), P(W1, hold, 250)], held);
        Assert.Equal(Balances((Bank, -50_000), (W1, 19_750), (hold, 30_250)), await t.BalancesAsync());

        var settled = await t.PostOkAsync(TemplateNames.PayoutSettle, ("hold", Acc(hold)), ("clearing", Acc(clearing)), ("amount", Ngn(30_000)), ("fee", Ngn(250)));
        Assert.Equal([P(hold, clearing, 30_000), P(hold, Fees, 250)], settled);
        Assert.Equal(Balances((Bank, -50_000), (W1, 19_750), (clearing, 30_000), (Fees, 250)), await t.BalancesAsync());
        await t.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Payout_release_returns_the_whole_hold_to_the_wallet()
    {
        var t = await NewAsync();
        await t.FundAsync(W1, 50_000);
        const string hold = "wallets:w1:holds:p2";
        await t.PostOkAsync(TemplateNames.PayoutHold, ("wallet", Acc(W1)), ("hold", Acc(hold)), ("amount", Ngn(30_000)), ("fee", Ngn(250)));

        var released = await t.PostOkAsync(TemplateNames.PayoutRelease, ("hold", Acc(hold)), ("wallet", Acc(W1)), ("asset", AssetOf(Currency.NGN)));

        Assert.Equal([P(hold, W1, 30_250)], released);
        Assert.Equal(Balances((Bank, -50_000), (W1, 50_000)), await t.BalancesAsync());
        await t.AssertBooksFootAsync();
    }

    [Fact]
    public async Task A_generic_hold_is_placed_settled_in_part_to_a_counterparty_and_the_rest_released()
    {
        var t = await NewAsync();
        await t.FundAsync(W1, 10_000);
        const string hold = "wallets:w1:holds:h1";
        const string acme = "counterparties:acme";

        var placed = await t.PostOkAsync(TemplateNames.HoldPlace, ("wallet", Acc(W1)), ("hold", Acc(hold)), ("amount", Ngn(5_000)));
        Assert.Equal([P(W1, hold, 5_000)], placed);
        Assert.Equal(Balances((Bank, -10_000), (W1, 5_000), (hold, 5_000)), await t.BalancesAsync());

        var settled = await t.PostOkAsync(TemplateNames.HoldSettle, ("hold", Acc(hold)), ("counterparty", Acc(acme)), ("amount", Ngn(4_000)));
        Assert.Equal([P(hold, acme, 4_000)], settled);
        Assert.Equal(Balances((Bank, -10_000), (W1, 5_000), (hold, 1_000), (acme, 4_000)), await t.BalancesAsync());

        var released = await t.PostOkAsync(TemplateNames.HoldRelease, ("hold", Acc(hold)), ("wallet", Acc(W1)), ("asset", AssetOf(Currency.NGN)));
        Assert.Equal([P(hold, W1, 1_000)], released);
        Assert.Equal(Balances((Bank, -10_000), (W1, 6_000), (acme, 4_000)), await t.BalancesAsync());
        await t.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Fx_conversion_goes_through_the_position_and_each_currency_foots_with_the_spread_and_rounding_in_revenue()
    {
        var t = await NewAsync();
        await t.FundAsync(W1, 200_000);
        const string usdWallet = "wallets:w1usd:main";
        const string position = "fx:NGN-USD";

        // 1500.00 NGN at 0.000666 (market 0.000675): bought 99.9 → 99 cents, spread 1.35 → 1, market value 101.25 → 101,
        // so the rounding remainder is 101 − 99 − 1 = 1 cent and the position pays out 101.
        var postings = await t.PostOkAsync(TemplateNames.FxConversion, ("from", Acc(W1)), ("to", Acc(usdWallet)), ("position", Acc(position)),
            ("sold", Ngn(150_000)), ("bought", Usd(99)), ("spread", Usd(1)), ("rounding", Usd(1)), ("rate", Text("0.000666")));

        Assert.Equal([P(W1, position, 150_000), P(position, usdWallet, 99, "USD/2"), P(position, "revenue:fx-spread", 1, "USD/2"),
            P(position, "revenue:fx-rounding", 1, "USD/2")], postings);
        Assert.Equal(Balances((Bank, -200_000, "NGN/2"), (W1, 50_000, "NGN/2"), (position, 150_000, "NGN/2"),
            (usdWallet, 99, "USD/2"), (position, -101, "USD/2"), ("revenue:fx-spread", 1, "USD/2"), ("revenue:fx-rounding", 1, "USD/2")), await t.BalancesAsync());
        await t.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Fx_conversion_with_a_zero_rounding_remainder_posts_no_rounding_leg_and_still_foots()
    {
        var t = await NewAsync();
        await t.FundAsync(W1, 200_000);
        const string usdWallet = "wallets:w1usd:main";
        const string position = "fx:NGN-USD";

        // 1500.00 NGN at 0.00066 (market 0.000675): bought 99 cents exactly, spread 2.25 → 2, market value 101.25 → 101, rounding 0.
        var postings = await t.PostOkAsync(TemplateNames.FxConversion, ("from", Acc(W1)), ("to", Acc(usdWallet)), ("position", Acc(position)),
            ("sold", Ngn(150_000)), ("bought", Usd(99)), ("spread", Usd(2)), ("rounding", Usd(0)), ("rate", Text("0.00066")));

        Assert.Equal([P(W1, position, 150_000), P(position, usdWallet, 99, "USD/2"), P(position, "revenue:fx-spread", 2, "USD/2")], postings);
        Assert.Equal(Balances((Bank, -200_000, "NGN/2"), (W1, 50_000, "NGN/2"), (position, 150_000, "NGN/2"),
            (usdWallet, 99, "USD/2"), (position, -101, "USD/2"), ("revenue:fx-spread", 2, "USD/2")), await t.BalancesAsync());
        await t.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Bank_funding_then_pool_funding_moves_capital_into_the_bank_and_cash_on_to_the_pool()
    {
        var t = await NewAsync();

        var funded = await t.PostOkAsync(TemplateNames.BankFunding, ("bank", Acc(Bank)), ("amount", Ngn(1_000_000)));
        Assert.Equal([P(Bank, "equity:funding", 1_000_000)], funded);
        Assert.Equal(Balances((Bank, -1_000_000), ("equity:funding", 1_000_000)), await t.BalancesAsync());

        var pooled = await t.PostOkAsync(TemplateNames.PoolFunding, ("pool", Acc("pools:gps:NGN")), ("bank", Acc(Bank)), ("amount", Ngn(400_000)));
        Assert.Equal([P("pools:gps:NGN", Bank, 400_000)], pooled);
        Assert.Equal(Balances((Bank, -600_000), ("pools:gps:NGN", -400_000), ("equity:funding", 1_000_000)), await t.BalancesAsync());
        await t.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Pool_transfer_takes_value_out_of_one_pool_and_into_another_through_the_position()
    {
        var t = await NewAsync();
        const string ngnPool = "pools:gps:NGN";
        const string usdPool = "pools:gps:USD";
        const string position = "fx:NGN-USD";

        var postings = await t.PostOkAsync(TemplateNames.PoolTransfer, ("from_pool", Acc(ngnPool)), ("to_pool", Acc(usdPool)), ("position", Acc(position)),
            ("sent", Ngn(150_000)), ("received", Usd(100)));

        Assert.Equal([P(position, ngnPool, 150_000), P(usdPool, position, 100, "USD/2")], postings);
        Assert.Equal(Balances((ngnPool, 150_000, "NGN/2"), (position, -150_000, "NGN/2"), (usdPool, -100, "USD/2"), (position, 100, "USD/2")),
            await t.BalancesAsync());
        await t.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Stablecoin_mint_credits_the_wallet_from_custody_and_burn_sends_it_back()
    {
        var t = await NewAsync();
        const string custody = "custody:tron:USDT";
        const string wallet = "wallets:c1:main";

        var minted = await t.PostOkAsync(TemplateNames.StablecoinMint, ("custody", Acc(custody)), ("wallet", Acc(wallet)), ("amount", Usdt(25_000_000)));
        Assert.Equal([P(custody, wallet, 25_000_000, "USDT/6")], minted);
        Assert.Equal(Balances((custody, -25_000_000, "USDT/6"), (wallet, 25_000_000, "USDT/6")), await t.BalancesAsync());

        var burnt = await t.PostOkAsync(TemplateNames.StablecoinBurn, ("wallet", Acc(wallet)), ("custody", Acc(custody)), ("amount", Usdt(5_000_000)));
        Assert.Equal([P(wallet, custody, 5_000_000, "USDT/6")], burnt);
        Assert.Equal(Balances((custody, -20_000_000, "USDT/6"), (wallet, 20_000_000, "USDT/6")), await t.BalancesAsync());
        await t.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Counterparty_settlement_pays_what_we_owe_the_counterparty_out_of_the_bank()
    {
        var t = await NewAsync();
        await t.FundAsync(W1, 10_000);
        const string hold = "wallets:w1:holds:h2";
        const string acme = "counterparties:acme";
        await t.PostOkAsync(TemplateNames.HoldPlace, ("wallet", Acc(W1)), ("hold", Acc(hold)), ("amount", Ngn(4_000)));
        await t.PostOkAsync(TemplateNames.HoldSettle, ("hold", Acc(hold)), ("counterparty", Acc(acme)), ("amount", Ngn(4_000)));

        var postings = await t.PostOkAsync(TemplateNames.CounterpartySettlement, ("counterparty", Acc(acme)), ("bank", Acc(Bank)), ("amount", Ngn(4_000)));

        Assert.Equal([P(acme, Bank, 4_000)], postings);
        Assert.Equal(Balances((Bank, -6_000), (W1, 6_000)), await t.BalancesAsync());
        await t.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Reserve_release_returns_a_matured_reserve_amount_to_the_wallet()
    {
        var t = await NewAsync();
        await t.PostOkAsync(TemplateNames.PayIn, ("source", Acc(Bank)), ("wallet", Acc(W1)), ("reserve", Acc(Reserve1)),
            ("amount", Ngn(100_000)), ("fee", Ngn(0)), ("reserve_amount", Ngn(10_000)));

        var postings = await t.PostOkAsync(TemplateNames.ReserveRelease, ("reserve", Acc(Reserve1)), ("wallet", Acc(W1)), ("amount", Ngn(6_000)));

        Assert.Equal([P(Reserve1, W1, 6_000)], postings);
        Assert.Equal(Balances((Bank, -100_000), (W1, 96_000), (Reserve1, 4_000)), await t.BalancesAsync());
        await t.AssertBooksFootAsync();
    }

    [Fact]
    public async Task A_correction_credits_and_debits_a_wallet_against_suspense_and_keeps_the_reason()
    {
        var t = await NewAsync();
        await t.FundAsync(W1, 1_000);

        var credit = await t.PostAsync(TemplateNames.Correction, ("wallet", Acc(W1)), ("credit", Ngn(700)), ("debit", Ngn(0)), ("reason", Text("missed pay-in 42")));
        Assert.True(credit.Succeeded, credit.Error?.Message);
        Assert.Equal([P("suspense:corrections", W1, 700)], credit.Value.Postings);
        Assert.Equal("missed pay-in 42", credit.Value.Metadata["reason"]);

        var debit = await t.PostOkAsync(TemplateNames.Correction, ("wallet", Acc(W1)), ("credit", Ngn(0)), ("debit", Ngn(1_200)), ("reason", Text("duplicate pay-in 43")));
        Assert.Equal([P(W1, "suspense:corrections", 1_200)], debit);
        Assert.Equal(Balances((Bank, -1_000), (W1, 500), ("suspense:corrections", 500)), await t.BalancesAsync());
        await t.AssertBooksFootAsync();
    }

    [Fact]
    public async Task A_migration_opening_balance_credits_the_wallet_against_migration_equity()
    {
        var t = await NewAsync();

        var postings = await t.PostOkAsync(TemplateNames.MigrationOpeningBalance, ("wallet", Acc(W1)), ("amount", Ngn(90_000)));

        Assert.Equal([P("equity:migration", W1, 90_000)], postings);
        Assert.Equal(Balances(("equity:migration", -90_000), (W1, 90_000)), await t.BalancesAsync());
        await t.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Releasing_a_hold_twice_is_no_postings_the_second_time_and_writes_nothing()
    {
        var t = await NewAsync();
        await t.FundAsync(W1, 5_000);
        const string hold = "wallets:w1:holds:h3";
        await t.PostOkAsync(TemplateNames.HoldPlace, ("wallet", Acc(W1)), ("hold", Acc(hold)), ("amount", Ngn(2_000)));
        await t.PostOkAsync(TemplateNames.HoldRelease, ("hold", Acc(hold)), ("wallet", Acc(W1)), ("asset", AssetOf(Currency.NGN)));
        var before = await t.BalancesAsync();

        var again = await t.PostAsync(TemplateNames.HoldRelease, ("hold", Acc(hold)), ("wallet", Acc(W1)), ("asset", AssetOf(Currency.NGN)));

        Assert.Equal(LedgerErrorCodes.NoPostings, again.Error?.Code);
        Assert.Equal(before, await t.BalancesAsync());
        Assert.Equal(3, await t.TransactionCountAsync());
        await t.AssertBooksFootAsync();
    }

    [Fact]
    public async Task Every_template_has_run_in_this_class()
    {
        // A guard for whoever adds a template: the class above must grow a test that runs it.
        var source = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "tests", "integration", "Templates", "TemplatePostingTests.cs"), TestContext.Current.CancellationToken);
        var named = typeof(TemplateNames).GetFields().Where(f => f.IsLiteral).Select(f => f.Name).ToList();

        Assert.Equal(18, named.Count);
        Assert.All(named, n => Assert.Contains($"PostOkAsync(TemplateNames.{n},", source, StringComparison.Ordinal));
    }

    private async Task<TemplateLedger> NewAsync() => new(fixture.Ledger, await fixture.NewLedgerAsync());

    private static Dictionary<string, BigInteger> Balances(params (string Account, long Balance, string Asset)[] balances) =>
        balances.ToDictionary(b => $"{b.Account} {b.Asset}", b => new BigInteger(b.Balance));

    private static Dictionary<string, BigInteger> Balances(params (string Account, long Balance)[] balances) =>
        Balances(balances.Select(b => (b.Account, b.Balance, "NGN/2")).ToArray());

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WalletFlow.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("WalletFlow.sln not found");
    }
}
