using WalletFlow.Core.Accounts;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Tests.Unit.Accounts;

public class AccountClassifierTests
{
    [Fact]
    public void There_is_an_example_for_every_kind()
    {
        Assert.Equal(Enum.GetValues<AccountKind>().Order(), AccountExamples.ByKind.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(AccountExamples.Kinds), MemberType = typeof(AccountExamples))]
    public void Every_built_address_classifies_back_to_its_kind(AccountKind kind)
    {
        var classified = AccountClassifier.Classify(AccountExamples.ByKind[kind].Value).Value;

        Assert.Equal(kind, classified.Kind);
    }

    [Fact]
    public void Classification_extracts_the_parts()
    {
        var hold = AccountClassifier.Classify("wallets:w-1:holds:payout_42").Value;
        Assert.Equal(("w-1", "payout_42"), (hold.WalletId, hold.HoldId));

        var bank = AccountClassifier.Classify("banks:gtbank:NGN").Value;
        Assert.Equal(("gtbank", Currency.NGN), (bank.BankId, bank.Currency));

        var fx = AccountClassifier.Classify("fx:USD-NGN").Value;
        Assert.Equal((Currency.USD, Currency.NGN), (fx.Currency, fx.CounterCurrency));

        var custody = AccountClassifier.Classify("custody:tron:USDT").Value;
        Assert.Equal(("tron", Currency.USDT), (custody.Network, custody.Currency));

        Assert.Equal("sandbox", AccountClassifier.Classify("clearing:payouts:sandbox").Value.ProviderId);
        Assert.Equal("acme", AccountClassifier.Classify("counterparties:acme").Value.CounterpartyId);
        Assert.Equal("travel", AccountClassifier.Classify("expenses:travel").Value.ExpenseName);
    }

    [Theory]
    [InlineData("", "the address is empty")]
    [InlineData("wallets::main", "segment 2 is empty")]
    [InlineData("wallets:w 1:main", "segment 2 'w 1' may only hold")]
    [InlineData("@wallets:w1:main", "may only hold letters")]
    [InlineData("wallets:w1", "wallet accounts are")]
    [InlineData("wallets:w1:holds", "wallet accounts are")]
    [InlineData("banks:gtbank:XYZ", "segment 3 'XYZ' is not a known currency code")]
    [InlineData("banks:gtbank:ngn", "segment 3 'ngn' is not a known currency code")]
    [InlineData("fx:NGN-NGN", "names the same currency twice")]
    [InlineData("fx:NGNUSD", "is not a currency pair")]
    [InlineData("revenue:interest", "revenue accounts are")]
    [InlineData("world", "@world is not used")]
    [InlineData("loans:l1", "'loans' is not an account family")]
    public void Unknown_or_malformed_addresses_are_rejected_with_a_reason(string address, string reason)
    {
        var error = Assert.IsType<InvalidAddress>(AccountClassifier.Classify(address).Error);

        Assert.Equal("invalid_address", error.Code);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Builders_refuse_ids_that_are_not_one_segment()
    {
        Assert.Throws<ArgumentException>(() => AccountAddresses.WalletMain("w1:main"));
        Assert.Throws<ArgumentException>(() => AccountAddresses.WalletHold("w1", ""));
        Assert.Throws<ArgumentException>(() => AccountAddresses.FxPosition(Currency.NGN, Currency.NGN));
        Assert.Throws<ArgumentException>(() => new AccountAddress("a::b"));
    }

    [Theory]
    [InlineData(AccountKind.WalletMain, false)]
    [InlineData(AccountKind.WalletHold, false)]
    [InlineData(AccountKind.WalletReserve, false)]
    [InlineData(AccountKind.FeeRevenue, false)]
    [InlineData(AccountKind.FxRoundingRevenue, false)]
    [InlineData(AccountKind.Bank, true)]
    [InlineData(AccountKind.PayoutClearing, true)]
    [InlineData(AccountKind.CorrectionsSuspense, true)]
    public void Only_debit_side_kinds_may_go_negative(AccountKind kind, bool mayGoNegative)
    {
        Assert.Equal(mayGoNegative, AccountKinds.Of(kind).MayGoNegative);
    }
}
