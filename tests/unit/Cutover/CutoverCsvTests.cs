using WalletFlow.Core.Cutover;

namespace WalletFlow.Tests.Unit.Cutover;

public sealed class CutoverCsvTests
{
    private const string Header = "wallet_id,owner_id,currency,balance,legacy_ref\n";

    [Fact]
    public void A_good_file_gives_every_row_in_minor_units_of_its_currency_with_quoted_fields_a_bom_crlf_and_blank_lines()
    {
        var check = CutoverCsv.Check("\uFEFF" + Header.ToUpperInvariant().Replace("\n", "\r\n", StringComparison.Ordinal)
            + "w-1,o-1,NGN,1500.50,\"LEG,1 \"\"old\"\"\"\r\n\r\nw-2,o-2,JPY,15,\r\nw-3,o-3,KWD,0.001,L3\r\nw-4,o-4,USDT,0,L4\r\n");

        Assert.True(check.IsValid, string.Join("; ", check.Errors));
        Assert.Equal([(2, "w-1", "NGN", 150050L, "LEG,1 \"old\""), (4, "w-2", "JPY", 15L, null), (5, "w-3", "KWD", 1L, "L3"), (6, "w-4", "USDT", 0L, "L4")],
            check.Rows.Select(r => (r.Line, r.WalletId, r.Balance.Currency.Code, r.Balance.MinorUnits, r.LegacyRef)));
    }

    [Fact]
    public void Every_bad_line_is_listed_with_its_number_and_no_row_is_given()
    {
        var check = CutoverCsv.Check(Header
            + "w-1,o-1,NGN,1.00,L\n"        // 2 good
            + "w-2,o-1,ZZZ,1.00,L\n"        // 3 unknown currency
            + "w-3,o-1,NGN,1.001,L\n"       // 4 too many decimals
            + "w-1,o-1,NGN,2.00,L\n"        // 5 duplicate wallet
            + "w-5,o-1,NGN,-2.00,L\n"       // 6 negative
            + "w-6,o-1,NGN,2.00\n"          // 7 four fields
            + "w-7,o-1,NGN,\"2.00,L\n"      // 8 quote not closed
            + "w 8,,USD,abc,L\n");          // 9 bad id, no owner, not an amount

        Assert.False(check.IsValid);
        Assert.Empty(check.Rows);
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 9, 9], check.Errors.Select(e => e.Line));
        Assert.Equal(["wallet_id", "owner_id", "balance"], check.Errors.Where(e => e.Line == 9).Select(e => e.Column));
        Assert.Contains("already on line 2", check.Errors.Single(e => e.Line == 5).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 1, "empty")]
    [InlineData("wallet,owner,currency,balance,ref\nw-1,o,NGN,1.00,L\n", 1, "header")]
    [InlineData("wallet_id,owner_id,currency,balance,legacy_ref\n", 1, "no rows")]
    public void A_file_without_a_right_header_or_without_rows_is_refused_on_line_1(string text, int line, string says)
    {
        var error = Assert.Single(CutoverCsv.Check(text).Errors);
        Assert.Equal(line, error.Line);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lifecycle_moves_forward_to_live_fails_only_before_it_and_rolls_back_from_failed_or_live()
    {
        Assert.True(CutoverLifecycle.MayMove(CutoverStatus.Reconciled, CutoverStatus.Live));
        Assert.False(CutoverLifecycle.MayMove(CutoverStatus.Frozen, CutoverStatus.Live));
        Assert.False(CutoverLifecycle.MayMove(CutoverStatus.Live, CutoverStatus.Failed));
        Assert.False(CutoverLifecycle.MayMove(CutoverStatus.RolledBack, CutoverStatus.RollingBack));
        Assert.Equal([CutoverStatus.Live, CutoverStatus.Failed, CutoverStatus.RollingBack, CutoverStatus.RollbackFailed],
            Enum.GetValues<CutoverStatus>().Where(CutoverLifecycle.MayRollBack));
        Assert.Equal([CutoverStatus.Live, CutoverStatus.RolledBack], Enum.GetValues<CutoverStatus>().Where(s => !CutoverLifecycle.BlocksAnother(s)));
    }
}
