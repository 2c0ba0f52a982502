using System.Numerics;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Tests.Unit.Monetary;

public class CurrencyTableTests
{
    [Fact]
    public void The_seed_table_loads_without_issues_and_holds_the_ISO_list_and_the_two_stablecoins()
    {
        var (catalog, issues) = CurrencyCatalog.Parse(File.ReadAllText(RepositoryPaths.Combine("seed", "currencies.csv")));

        Assert.Empty(issues);
        Assert.Equal(168, catalog.All.Count);
        Assert.Equal(CurrencyCatalog.Default.All, catalog.All); // the embedded copy is the file
    }

    [Theory]
    [InlineData("JPY", 0, "392")]
    [InlineData("KWD", 3, "414")]
    [InlineData("BHD", 3, "048")]
    [InlineData("NGN", 2, "566")]
    [InlineData("USD", 2, "840")]
    [InlineData("CLF", 4, "990")]
    [InlineData("USDT", 6, null)]
    [InlineData("USDC", 6, null)]
    public void Scales_and_numeric_codes_come_from_the_table(string code, int scale, string? numeric)
    {
        var currency = Currency.Find(code).Value;

        Assert.Equal(scale, currency.Scale);
        Assert.Equal(numeric, currency.NumericCode);
    }

    [Theory]
    [InlineData("JPY", "JPY/0", "1500", 1500L)]
    [InlineData("KWD", "KWD/3", "1.234", 1234L)]
    [InlineData("NGN", "NGN/2", "1500.00", 150000L)]
    [InlineData("USD", "USD/2", "12.34", 1234L)]
    [InlineData("USDT", "USDT/6", "1.000001", 1000001L)]
    public void Currencies_round_trip_through_the_ledger_asset_form(string code, string asset, string amount, long minor)
    {
        var currency = Currency.Find(code).Value;
        var money = Money.Parse(amount, currency).Value;

        Assert.Equal(asset, currency.LedgerAsset.ToString());
        Assert.Equal(currency, LedgerAsset.Parse(asset).Value.ToCurrency());
        var (ledgerAsset, ledgerAmount) = LedgerAsset.ToLedger(money);
        Assert.Equal(asset, ledgerAsset.ToString());
        Assert.Equal(new BigInteger(minor), ledgerAmount);
        Assert.Equal(money, LedgerAsset.ToMoney(asset, ledgerAmount).Value);
    }

    [Theory]
    [InlineData("NGN/3", "NGN has scale 2, so its asset is NGN/2")]
    [InlineData("NGN", "expected CODE/SCALE")]
    [InlineData("NGN/", "expected CODE/SCALE")]
    [InlineData("NGN/02", "is not a whole number")]
    [InlineData("XYZ/2", "Unknown currency 'XYZ'")]
    public void A_ledger_asset_that_does_not_match_the_table_is_rejected(string asset, string reason)
    {
        var result = LedgerAsset.Parse(asset);

        var error = Assert.IsType<InvalidAsset>(result.Error);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void XYZ_is_rejected_as_an_unknown_currency_naming_the_code()
    {
        var error = Assert.IsType<UnknownCurrency>(Currency.Find("XYZ").Error);
        Assert.Equal("XYZ", error.RequestedCode);
        Assert.Equal("unknown_currency", error.Code);
        Assert.Contains("'XYZ'", error.Message, StringComparison.Ordinal);

        Assert.IsType<UnknownCurrency>(Money.Parse("1.00 XYZ").Error);
        Assert.IsType<UnknownCurrency>(Currency.Find("ngn").Error); // codes are exact: no case folding
    }

    [Fact]
    public void A_broken_currency_table_is_reported_line_by_line()
    {
        const string csv = """
            code,numeric,minor_units,name,kind
            NGN,566,2,Naira,iso4217
            NGN,566,2,Naira again,iso4217
            ABC,123,x,Bad scale,iso4217
            TOK,,6,Token,digital
            DEF,12,2,Short numeric,iso4217
            """;

        var (catalog, issues) = CurrencyCatalog.Parse(csv);

        Assert.Equal([3, 4, 6], issues.Select(i => i.Line));
        Assert.Contains("already defined on line 2", issues[0].Message, StringComparison.Ordinal);
        Assert.Equal(["NGN", "TOK"], catalog.All.Select(c => c.Code));
    }
}
