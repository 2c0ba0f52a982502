using WalletFlow.Core.Gates;

namespace WalletFlow.Tests.Unit.Gates;

public class GateTests
{
    private static GateEvidenceBuilder Books() => new GateEvidenceBuilder()
        .Move("equity:funding", "banks:gtbank:NGN", 1_000_000)
        .Move("banks:gtbank:NGN", "wallets:w1:main", 150_000)
        .Move("wallets:w1:main", "revenue:fees", 1_500)
        .Move("wallets:w1:main", "wallets:w1:holds:h1", 20_500)
        .Hold("w1", "h1", 20_000, fee: 500)
        .Move("wallets:w1:main", "wallets:w1:holds:h0", 7_000)
        .Move("wallets:w1:holds:h0", "wallets:w1:main", 7_000)
        .Hold("w1", "h0", 7_000, open: false);

    private static GateResult Only(string gate, GateEvidence evidence)
    {
        var results = GateRunner.Check(evidence);
        Assert.Equal(GateNames.All, results.Select(r => r.Gate));
        Assert.All(results.Where(r => r.Gate != gate), r => Assert.True(r.Passed, $"{r.Gate}: {string.Join("; ", r.Details)}"));
        var failed = Assert.Single(results, r => r.Gate == gate);
        Assert.False(failed.Passed);
        return failed;
    }

    [Fact]
    public void Consistent_books_pass_all_four_gates()
    {
        var results = GateRunner.Check(Books().Build());

        Assert.All(results, r => Assert.True(r.Passed, $"{r.Gate}: {string.Join("; ", r.Details)}"));
        Assert.All(results, r => Assert.Empty(r.Details));
    }

    [Fact]
    public void A_one_sided_balance_fails_books_foot_naming_the_asset_and_the_imbalance()
    {
        var failed = Only(GateNames.BooksFoot, Books().OneSided("banks:gtbank:NGN", -250).Build());

        var detail = Assert.Single(failed.Details);
        Assert.Contains("NGN/2", detail, StringComparison.Ordinal);
        Assert.Contains("-250", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_hold_row_without_ledger_money_fails_holds_match_naming_the_hold_and_account()
    {
        var failed = Only(GateNames.HoldsMatch, Books().Hold("w1", "orphan", 5_000, fee: 100).Build());

        var detail = Assert.Single(failed.Details);
        Assert.Contains("hold orphan", detail, StringComparison.Ordinal);
        Assert.Contains("wallets:w1:holds:orphan", detail, StringComparison.Ordinal);
        Assert.Contains("5100", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_holds_account_with_no_row_and_a_closed_hold_with_money_both_fail_holds_match()
    {
        var evidence = Books()
            .Move("wallets:w1:main", "wallets:w1:holds:ghost", 300)
            .Move("wallets:w1:main", "wallets:w1:holds:h0", 40)
            .Build();

        var failed = Only(GateNames.HoldsMatch, evidence);

        Assert.Equal(2, failed.Details.Count);
        Assert.Contains(failed.Details, d => d.Contains("wallets:w1:holds:ghost", StringComparison.Ordinal) && d.Contains("no row", StringComparison.Ordinal));
        Assert.Contains(failed.Details, d => d.Contains("hold h0", StringComparison.Ordinal) && d.Contains("closed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_statement_row_that_differs_from_the_ledger_fails_statements_match_naming_the_account()
    {
        var failed = Only(GateNames.StatementsMatch, Books().Statement("wallets:w1:main", 1).Build());

        var detail = Assert.Single(failed.Details);
        Assert.Contains("wallets:w1:main NGN/2 (wallet w1)", detail, StringComparison.Ordinal);
        Assert.Contains("statements say 1", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wallet_balance_with_no_statement_row_fails_statements_match()
    {
        var failed = Only(GateNames.StatementsMatch, Books().Move("wallets:w1:main", "wallets:w2:main", 900, statements: false).Build());

        Assert.Equal(2, failed.Details.Count);
        Assert.Contains(failed.Details, d => d.StartsWith("wallets:w2:main NGN/2: the ledger has 900", StringComparison.Ordinal));
        Assert.Contains(failed.Details, d => d.StartsWith("wallets:w1:main NGN/2 (wallet w1)", StringComparison.Ordinal));
    }

    [Fact]
    public void An_account_no_pattern_covers_fails_coa_coverage_naming_it()
    {
        var failed = Only(GateNames.CoaCoverage, Books().Move("banks:gtbank:NGN", "mystery:account", 10).Build());

        Assert.All(failed.Details, d => Assert.Contains("mystery:account", d, StringComparison.Ordinal));
        Assert.Contains(failed.Details, d => d.StartsWith("No chart-of-accounts entry matches 'mystery:account'", StringComparison.Ordinal));
    }
}
