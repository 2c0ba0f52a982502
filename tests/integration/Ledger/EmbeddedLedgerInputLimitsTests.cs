using System.Numerics;
using WalletFlow.Adapters.Ledger;

namespace WalletFlow.Tests.Integration.Ledger;

/// <summary>
/// What PostgreSQL would refuse only at the write (and with it every request of the write's group) is
/// refused before: amounts of 10^78 or more (numeric(78,0)), and control characters in the
/// reference, the metadata and a script's vars. Each refusal is VALIDATION naming the field, and
/// nothing is written.
/// </summary>
public class EmbeddedLedgerInputLimitsTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private const string Ngn = "NGN/2";
    private const string W1 = "wallets:w1:main";
    private const string W2 = "wallets:w2:main";
    private static readonly BigInteger Limit = BigInteger.Pow(10, 78);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private EmbeddedLedger Ledger => fixture.Ledger;

    [Fact]
    public async Task An_amount_of_ten_to_the_78_is_refused_naming_the_posting_and_one_less_is_written()
    {
        var ledger = await fixture.NewLedgerAsync();

        var refused = await Ledger.CreateTransactionAsync(ledger, new CreateTransaction([
            new Posting("world", W1, 1, Ngn),
            new Posting("world", W2, Limit, Ngn),
        ]), null, Ct);
        var largest = await Ledger.CreateTransactionAsync(ledger, new CreateTransaction([new Posting("world", W2, Limit - 1, Ngn)]), null, Ct);

        AssertValidation(refused, "postings[1].amount: must be less than 10^78");
        Assert.True(largest.Succeeded, largest.Error?.Message);
        Assert.Equal(Limit - 1, largest.Value.PostCommitVolumes![W2][Ngn].Input);
        Assert.Equal(1, await TransactionCountAsync(ledger));
    }

    [Fact]
    public async Task A_dry_run_is_refused_the_same_way()
    {
        var ledger = await fixture.NewLedgerAsync();

        var refused = await Ledger.CreateTransactionAsync(ledger, new CreateTransaction([new Posting("world", W1, Limit * 2, Ngn)]), null, Ct, dryRun: true);

        AssertValidation(refused, "postings[0].amount: must be less than 10^78");
    }

    [Theory]
    [InlineData("ref\u0000nul", "reference: must not contain control characters (U+0000 at position 3)")]
    [InlineData("ref\nline", "reference: must not contain control characters (U+000A at position 3)")]
    [InlineData("ref\u007f", "reference: must not contain control characters (U+007F at position 3)")]
    public async Task A_reference_with_a_control_character_is_refused_naming_it(string reference, string message)
    {
        var ledger = await fixture.NewLedgerAsync();

        var refused = await Ledger.CreateTransactionAsync(ledger, new CreateTransaction([new Posting("world", W1, 1, Ngn)], Reference: reference), null, Ct);

        AssertValidation(refused, message);
        Assert.Equal(0, await TransactionCountAsync(ledger));
    }

    [Fact]
    public async Task A_reference_with_an_unpaired_surrogate_is_refused_it_cannot_be_sent_as_utf8()
    {
        var ledger = await fixture.NewLedgerAsync();

        var refused = await Ledger.CreateTransactionAsync(ledger, new CreateTransaction([new Posting("world", W1, 1, Ngn)], Reference: "ref" + '\ud800'), null, Ct);

        AssertValidation(refused, "reference: must be valid Unicode (an unpaired surrogate at position 3)");
    }

    [Theory]
    [InlineData("note", "a\u0000b", "metadata['note']: must not contain control characters (U+0000 at position 1)")]
    [InlineData("note", "tab\there", "metadata['note']: must not contain control characters (U+0009 at position 3)")]
    [InlineData("no\u0000te", "value", "metadata['no\\u0000te']: the key must not contain control characters (U+0000 at position 2)")]
    [InlineData("\u001bkey", "value", "metadata['\\u001Bkey']: the key must not contain control characters (U+001B at position 0)")]
    public async Task Metadata_with_a_control_character_in_a_key_or_a_value_is_refused_naming_it(string key, string value, string message)
    {
        var ledger = await fixture.NewLedgerAsync();

        var refused = await Ledger.CreateTransactionAsync(ledger,
            new CreateTransaction([new Posting("world", W1, 1, Ngn)], Metadata: new Dictionary<string, string> { [key] = value }), "limits-key", Ct);

        AssertValidation(refused, message);
        Assert.Equal(0, await TransactionCountAsync(ledger));
    }

    [Theory]
    [InlineData("memo", "pay\u0000out", "script.vars['memo']: must not contain control characters (U+0000 at position 3)")]
    [InlineData("me\u0007mo", "payout", "script.vars['me\\u0007mo']: the name must not contain control characters (U+0007 at position 2)")]
    public async Task A_script_var_with_a_control_character_is_refused_naming_it(string name, string value, string message)
    {
        var ledger = await fixture.NewLedgerAsync();
        var script = new TransactionScript("""
            vars { string $memo }
            send [NGN/2 1] ( source = @world destination = @wallets:w1:main )
            set_tx_meta("memo", $memo)
            """, new Dictionary<string, string> { [name] = value });

        var refused = await Ledger.CreateTransactionAsync(ledger, new CreateTransaction(null, script), null, Ct);

        AssertValidation(refused, message);
        Assert.Equal(0, await TransactionCountAsync(ledger));
    }

    [Fact]
    public async Task An_address_with_a_trailing_newline_is_an_invalid_address()
    {
        var ledger = await fixture.NewLedgerAsync();

        var refused = await Ledger.CreateTransactionAsync(ledger, new CreateTransaction([new Posting("world", "wallets:w1:main\n", 1, Ngn)]), null, Ct);

        AssertValidation(refused, "postings[0].destination: invalid account address 'wallets:w1:main\\u000A'");
    }

    [Fact]
    public async Task Printable_unicode_in_references_metadata_and_vars_is_written_as_given()
    {
        var ledger = await fixture.NewLedgerAsync();
        var metadata = new Dictionary<string, string> { ["payer"] = "Ọlá Adébáyọ̀ — 結算 🙂" };

        var written = await Ledger.CreateTransactionAsync(ledger,
            new CreateTransaction([new Posting("world", W1, 1, Ngn)], Reference: "ref-🙂-é", Metadata: metadata), null, Ct);

        Assert.True(written.Succeeded, written.Error?.Message);
        Assert.Equal("ref-🙂-é", written.Value.Reference);
        Assert.Equal(metadata["payer"], written.Value.Metadata["payer"]);
    }

    private static void AssertValidation(LedgerResult<LedgerTransaction> result, string message)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(LedgerErrorCodes.Validation, result.Error.Code);
        Assert.StartsWith(message, result.Error.Message, StringComparison.Ordinal);
    }

    private async Task<long> TransactionCountAsync(string ledger)
    {
        await using var command = fixture.Database.DataSource.CreateCommand("SELECT count(*) FROM ledger.transactions WHERE ledger = $1");
        command.Parameters.AddWithValue(ledger);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
