using WalletFlow.Adapters.Ledger;
using WalletFlow.Core.Ports;

namespace WalletFlow.Tests.Unit.Ledger;

/// <summary>
/// LedgerPort.ToRejection: a shortfall made in this process travels as a value (style.md, "do this"
/// 7); only text that crossed a process boundary (Formance's own, or the embedded ledger's HTTP API
/// JSON) is read back from its words.
/// </summary>
public class LedgerShortfallRejectionTests
{
    [Fact]
    public void A_structured_shortfall_is_the_rejection_as_it_is_whatever_the_message_says()
    {
        var shortfall = new InsufficientFunds("wallets:w1:main", "NGN/2", 1_001, 1_000);
        var error = LedgerError.InsufficientFund("any wording at all, with no numbers in it", shortfall);

        Assert.Same(shortfall, LedgerPort.ToRejection(error));
    }

    [Fact]
    public void A_structured_shortfall_without_an_account_stays_without_one()
    {
        // A Numscript source that drew from no account (an empty inorder list) names none.
        var shortfall = new InsufficientFunds("", "USD/2", 5, 0);

        Assert.Equal(shortfall, LedgerPort.ToRejection(LedgerError.InsufficientFund("missing funds: needed USD/2 5, available USD/2 0", shortfall)));
    }

    [Fact]
    public void Formance_text_is_still_read_from_its_words()
    {
        var error = new LedgerError(LedgerErrorCodes.InsufficientFund,
            "running numscript: Not enough funds. Needed [NGN/2 1001] (only [NGN/2 1000] available) from @wallets:w1:main");

        Assert.Null(error.Shortfall);
        Assert.Equal(new InsufficientFunds("wallets:w1:main", "NGN/2", 1_001, 1_000), LedgerPort.ToRejection(error));
    }

    [Theory]
    [InlineData("account 'wallets:w1:main' has insufficient funds of NGN/2: needed 1001, available 1000")]
    [InlineData("1:1: missing funds: needed NGN/2 1001, available NGN/2 1000 (last drawn from @wallets:w1:main)")]
    public void The_embedded_ledgers_words_as_its_http_api_answers_them_are_still_read(string message)
    {
        var rejection = LedgerPort.ToRejection(new LedgerError(LedgerErrorCodes.InsufficientFund, message));

        Assert.Equal(new InsufficientFunds("wallets:w1:main", "NGN/2", 1_001, 1_000), rejection);
    }

    [Theory]
    [InlineData("running numscript: Not enough funds. Needed [NGN/2 ١٠٠١] (only [NGN/2 1000] available) from @wallets:w1:main")]
    [InlineData("account 'wallets:w1:main' has insufficient funds of NGN/2: needed ١٠٠١, available 1000")]
    public void Non_ascii_digits_in_a_shortfall_message_are_not_read_as_amounts(string message)
    {
        // \d matched them and BigInteger.Parse then threw: the refusal became an exception.
        var rejection = LedgerPort.ToRejection(new LedgerError(LedgerErrorCodes.InsufficientFund, message));

        Assert.Equal(new InsufficientFunds("wallets:w1:main", "", 0, 0), rejection);
    }

    [Fact]
    public void Other_codes_are_ledger_rejections_carrying_the_code()
    {
        var rejection = LedgerPort.ToRejection(LedgerError.Validation("reference: must not contain control characters"));

        var refused = Assert.IsType<LedgerRejection>(rejection);
        Assert.Equal(LedgerErrorCodes.Validation, refused.LedgerCode);
    }
}
