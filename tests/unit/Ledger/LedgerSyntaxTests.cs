using WalletFlow.Adapters.Ledger;

namespace WalletFlow.Tests.Unit.Ledger;

/// <summary>
/// Formance's name, address and asset rules match the whole text in ASCII: '$' let a trailing
/// newline through (it also matches before a final "\n") and '\d' any Unicode digit (issue 16).
/// </summary>
public class LedgerSyntaxTests
{
    [Theory]
    [InlineData("world")]
    [InlineData("wallets:victim:main")]
    [InlineData("banks:gtb-1:ngn_2")]
    public void Addresses_of_ascii_segments_are_addresses(string address) => Assert.True(LedgerSyntax.IsAddress(address));

    [Theory]
    [InlineData("wallets:victim:main\n")]
    [InlineData("wallets:victim:main\r\n")]
    [InlineData("\nwallets:victim:main")]
    [InlineData("wallets:vic\ntim:main")]
    [InlineData("wallets:٢:main")]
    [InlineData("wallets:victim:maın")]
    [InlineData("wallets::main")]
    [InlineData("")]
    public void A_newline_a_non_ascii_character_or_an_empty_segment_is_not_an_address(string address) =>
        Assert.False(LedgerSyntax.IsAddress(address));

    [Theory]
    [InlineData("USD")]
    [InlineData("USD/2")]
    [InlineData("NGN/123456")]
    [InlineData("USDC_POLYGON/6")]
    public void Assets_of_ascii_letters_and_digits_are_assets(string asset) => Assert.True(LedgerSyntax.IsAsset(asset));

    [Theory]
    [InlineData("USD/٢")]
    [InlineData("USD/２")]
    [InlineData("USD/2\n")]
    [InlineData("USD\n")]
    [InlineData("USD/1234567")]
    [InlineData("usd/2")]
    public void A_non_ascii_digit_a_trailing_newline_or_a_wrong_shape_is_not_an_asset(string asset) =>
        Assert.False(LedgerSyntax.IsAsset(asset));

    [Theory]
    [InlineData("main", true)]
    [InlineData("main\n", false)]
    [InlineData("ledger٢", false)]
    public void Ledger_names_are_ascii_and_whole(string name, bool valid) => Assert.Equal(valid, LedgerSyntax.IsLedgerName(name));

    [Theory]
    [InlineData("wallets::main", true)]
    [InlineData("wallets:", true)]
    [InlineData("wallets::main\n", false)]
    [InlineData("wallets:\n:", false)]
    [InlineData("wallets:٢:main", false)]
    public void Address_filters_are_ascii_and_whole(string filter, bool valid) =>
        Assert.Equal(valid, AddressPattern.Parse(filter).Succeeded);
}
