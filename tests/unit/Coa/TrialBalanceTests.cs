using System.Numerics;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Coa;

namespace WalletFlow.Tests.Unit.Coa;

public class TrialBalanceTests
{
    private static readonly ChartOfAccounts Seed = CoaService.LoadSeed().Chart;

    private static AccountBalance Balance(string address, string asset, long balance) =>
        new(new AccountAddress(address), asset, balance);

    [Fact]
    public void Balances_group_by_asset_and_GL_code_into_debit_and_credit_columns_that_foot()
    {
        // Bank funding 1000.00, pay-in 500.00 with 5.00 fee: cash is debit (negative), the rest credit.
        var balances = new[]
        {
            Balance("banks:gtbank:NGN", "NGN/2", -150_000),
            Balance("equity:funding", "NGN/2", 100_000),
            Balance("wallets:w1:main", "NGN/2", 30_000),
            Balance("wallets:w2:main", "NGN/2", 19_500),
            Balance("revenue:fees", "NGN/2", 500),
            Balance("banks:citi:USD", "USD/2", -700),
            Balance("wallets:w3:main", "USD/2", 700),
        };

        var trial = TrialBalance.Compute(Seed, balances);

        Assert.True(trial.Foots);
        Assert.Empty(trial.Unresolved);
        Assert.Equal(
            [("NGN/2", "1000", 150_000, 0), ("NGN/2", "2000", 0, 49_500), ("NGN/2", "3100", 0, 100_000), ("NGN/2", "4000", 0, 500), ("USD/2", "1000", 700, 0), ("USD/2", "2000", 0, 700)],
            trial.Lines.Select(l => (l.Asset, l.GlCode, (long)l.Debit, (long)l.Credit)));
    }

    [Fact]
    public void An_imbalance_and_an_unmapped_account_are_visible_not_dropped()
    {
        var trial = TrialBalance.Compute(Seed, [Balance("banks:gtbank:NGN", "NGN/2", -100), Balance("loans:l1", "NGN/2", 60)]);

        Assert.False(trial.Foots);
        Assert.Equal(new BigInteger(-40), trial.Imbalance("NGN/2"));
        Assert.Equal("loans:l1", Assert.Single(trial.Unresolved).Balance.Address.Value);
    }

    [Theory]
    [InlineData(NormalBalance.Credit, 500L, 500L, true)]
    [InlineData(NormalBalance.Credit, -1L, -1L, false)]
    [InlineData(NormalBalance.Debit, -500L, 500L, true)]
    [InlineData(NormalBalance.Debit, 20L, -20L, false)]
    public void Sign_rules_read_a_ledger_balance_on_its_normal_side(NormalBalance normal, long ledger, long natural, bool onNormalSide)
    {
        Assert.Equal(new BigInteger(natural), SignRules.NaturalBalance(normal, ledger));
        Assert.Equal(new BigInteger(ledger), SignRules.LedgerBalance(normal, natural));
        Assert.Equal(onNormalSide, SignRules.IsOnNormalSide(normal, ledger));
    }
}
