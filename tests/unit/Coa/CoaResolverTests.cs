using WalletFlow.Core.Accounts;
using WalletFlow.Core.Coa;
using WalletFlow.Tests.Unit.Accounts;

namespace WalletFlow.Tests.Unit.Coa;

public class CoaResolverTests
{
    private static readonly ChartOfAccounts Seed = CoaService.LoadSeed().Chart;

    [Theory]
    [MemberData(nameof(AccountExamples.Kinds), MemberType = typeof(AccountExamples))]
    public void Every_account_kind_resolves_to_exactly_one_COA_entry(AccountKind kind)
    {
        var address = AccountExamples.ByKind[kind];

        var entry = Seed.Resolve(address);

        Assert.True(entry.IsSuccess, entry.ToString());
        Assert.Single(Seed.Entries, e => e.Pattern.Matches(address));
    }

    [Theory]
    [InlineData("wallets:w1:main", "2000", AccountClass.Liability, NormalBalance.Credit)]
    [InlineData("wallets:w1:holds:h1", "2100", AccountClass.Liability, NormalBalance.Credit)]
    [InlineData("banks:gtbank:NGN", "1000", AccountClass.Asset, NormalBalance.Debit)]
    [InlineData("revenue:fx-spread", "4100", AccountClass.Revenue, NormalBalance.Credit)]
    [InlineData("revenue:fx-rounding", "4200", AccountClass.Revenue, NormalBalance.Credit)]
    [InlineData("suspense:corrections", "9000", AccountClass.Suspense, NormalBalance.Debit)]
    public void Addresses_map_to_their_GL_code_class_and_normal_balance(string address, string gl, AccountClass accountClass, NormalBalance normal)
    {
        var entry = Seed.Resolve(address).Value;

        Assert.Equal((gl, accountClass, normal), (entry.GlCode, entry.Class, entry.NormalBalance));
    }

    [Fact]
    public void An_unmapped_address_is_an_error_naming_the_address_and_the_candidate_patterns()
    {
        var error = Assert.IsType<UnmappedAddress>(Seed.Resolve("wallets:w1:savings").Error);

        Assert.Equal("wallets:w1:savings", error.Address);
        Assert.Equal(["wallets:{walletId}:main (2000)", "wallets:{walletId}:holds:{holdId} (2100)", "wallets:{walletId}:reserve (2200)"], error.CandidatePatterns);
        Assert.Contains("'wallets:w1:savings'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_matching_two_patterns_is_an_error_naming_both()
    {
        var chart = new ChartOfAccounts(
        [
            new CoaEntry("2000", "Wallets", AccountClass.Liability, NormalBalance.Credit, AddressPattern.Parse("wallets:{walletId}:main"), ""),
            new CoaEntry("2999", "VIP wallet", AccountClass.Liability, NormalBalance.Credit, AddressPattern.Parse("wallets:vip:{account}"), ""),
        ]);

        var error = Assert.IsType<AmbiguousAddress>(chart.Resolve("wallets:vip:main").Error);

        Assert.Equal(["wallets:{walletId}:main (2000)", "wallets:vip:{account} (2999)"], error.CandidatePatterns);
    }
}
