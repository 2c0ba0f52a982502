using WalletFlow.Core.Accounts;
using WalletFlow.Core.Coa;

namespace WalletFlow.Tests.Unit.Accounts;

public class AccountKindsTests
{
    private static readonly ChartOfAccounts SeedCoa = ReadSeedCoa();

    [Fact]
    public void The_table_has_one_row_per_account_kind_in_enum_order()
    {
        Assert.Equal(Enum.GetValues<AccountKind>(), AccountKinds.All.Select(d => d.Kind));
    }

    [Theory]
    [MemberData(nameof(AccountExamples.Kinds), MemberType = typeof(AccountExamples))]
    public void Seed_coa_has_the_pattern_of_every_kind_with_the_same_class_and_normal_side(AccountKind kind)
    {
        var descriptor = AccountKinds.Of(kind);

        var entry = Assert.Single(SeedCoa.Entries, e => e.Pattern.Text == descriptor.Pattern.Text);

        Assert.Equal((descriptor.Class, descriptor.NormalSide), (entry.Class, entry.NormalBalance));
    }

    [Fact]
    public void Every_seed_coa_row_is_the_pattern_of_an_account_kind()
    {
        var patterns = AccountKinds.All.Select(d => d.Pattern.Text).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(SeedCoa.Entries.Where(e => !patterns.Contains(e.Pattern.Text)).Select(e => $"{e.GlCode} {e.Pattern}"));
    }

    [Theory]
    [MemberData(nameof(AccountExamples.Kinds), MemberType = typeof(AccountExamples))]
    public void A_kinds_example_address_matches_its_own_pattern_and_no_other(AccountKind kind)
    {
        var address = AccountExamples.ByKind[kind];

        Assert.Equal([kind], AccountKinds.All.Where(d => d.Matches(address)).Select(d => d.Kind));
    }

    [Fact]
    public void Only_wallet_kinds_carry_a_wallet_id()
    {
        Assert.Equal([AccountKind.WalletMain, AccountKind.WalletHold, AccountKind.WalletReserve],
            AccountKinds.All.Where(d => d.CarriesWalletId).Select(d => d.Kind));
    }

    [Fact]
    public void Banks_pools_FX_positions_and_custody_carry_a_currency_and_only_FX_positions_a_counter_currency()
    {
        Assert.Equal([AccountKind.Bank, AccountKind.Pool, AccountKind.FxPosition, AccountKind.Custody],
            AccountKinds.All.Where(d => d.CarriesCurrency).Select(d => d.Kind));
        Assert.Equal([AccountKind.FxPosition], AccountKinds.All.Where(d => d.CarriesCounterCurrency).Select(d => d.Kind));
    }

    [Fact]
    public void The_ALM_view_holds_wallet_kinds_as_customer_funds_and_banks_pools_clearing_and_custody_as_cover()
    {
        Assert.Equal([AccountKind.WalletMain, AccountKind.WalletHold, AccountKind.WalletReserve],
            AccountKinds.All.Where(d => d.Alm == AlmSide.CustomerFunds).Select(d => d.Kind));
        Assert.Equal([AccountKind.Bank, AccountKind.Pool, AccountKind.PayoutClearing, AccountKind.Custody],
            AccountKinds.All.Where(d => d.Alm == AlmSide.Cover).Select(d => d.Kind));
    }

    [Fact]
    public void A_family_address_of_no_kind_is_rejected_naming_the_familys_patterns_from_the_table()
    {
        var error = Assert.IsType<InvalidAddress>(AccountClassifier.Classify("wallets:w1:savings").Error);

        Assert.Contains("wallet accounts are wallets:{walletId}:main, wallets:{walletId}:holds:{holdId} or wallets:{walletId}:reserve", error.Message, StringComparison.Ordinal);
    }

    private static ChartOfAccounts ReadSeedCoa()
    {
        var (chart, issues) = CoaCsv.ReadChart(File.ReadAllText(RepositoryPaths.Combine("seed", "coa.csv")));
        Assert.Empty(issues);
        return chart;
    }
}
