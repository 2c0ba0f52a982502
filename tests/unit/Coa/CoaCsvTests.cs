using WalletFlow.Core.Coa;
using WalletFlow.Core.Templates;

namespace WalletFlow.Tests.Unit.Coa;

public class CoaCsvTests
{
    private const string Header = "gl_code,name,class,normal_balance,address_pattern,description";

    [Fact]
    public void The_seed_chart_and_event_map_ingest_without_issues_and_cover_all_18_templates()
    {
        var ingest = CoaService.Ingest(
            File.ReadAllText(RepositoryPaths.Combine("seed", "coa.csv")),
            File.ReadAllText(RepositoryPaths.Combine("seed", "event-gl.csv")));

        Assert.Empty(ingest.Issues);
        Assert.Equal(18, TemplateNames.All.Distinct().Count());
        Assert.Equal(TemplateNames.All, ingest.EventGl.Select(l => l.Template).Distinct());
    }

    [Fact]
    public void An_overlapping_pattern_is_reported_with_both_line_numbers()
    {
        const string csv = $"""
            {Header}
            2000,Wallets,liability,credit,wallets:{"{walletId}"}:main,Available
            2100,Holds,liability,credit,wallets:{"{walletId}"}:holds:{"{holdId}"},Held
            2999,VIP wallets,liability,credit,wallets:vip:{"{kind}"},Overlaps line 2
            """;

        var (chart, issues) = CoaCsv.ReadChart(csv);

        var issue = Assert.Single(issues);
        Assert.Equal((4, 2), (issue.Line, issue.OtherLine));
        Assert.Contains("on line 4 overlaps pattern 'wallets:{walletId}:main' (GL 2000) on line 2", issue.Message, StringComparison.Ordinal);
        Assert.Equal(["2000", "2100"], chart.Entries.Select(e => e.GlCode));
    }

    [Fact]
    public void Duplicate_GL_codes_unknown_classes_and_bad_pattern_syntax_are_reported_by_line()
    {
        const string csv = $"""
            {Header}
            1000,Banks,asset,debit,banks:{"{bankId}"}:{"{ccy}"},Cash
            1000,Pools,asset,debit,pools:{"{providerId}"}:{"{ccy}"},Duplicate GL
            1100,Pools,assets,debit,pools:{"{providerId}"}:{"{ccy}"},Unknown class
            1200,Custody,asset,left,custody:{"{network}"}:{"{asset}"},Unknown normal balance
            1300,Bad,asset,debit,counterparties:{"{id"},Unclosed placeholder
            1400,Bad,asset,debit,clearing::x,Empty segment
            1500,Bad,asset,debit,{"{family}"}:x,Placeholder first
            1600,Short,asset,debit
            """;

        var (_, issues) = CoaCsv.ReadChart(csv);

        Assert.Collection(issues,
            i => Assert.Equal((3, 2), (i.Line, i.OtherLine)),
            i => Assert.Equal((4, "unknown class 'assets'; expected one of asset, liability, equity, revenue, expense, clearing, fx-position, suspense"), (i.Line, i.Message)),
            i => Assert.Equal((5, "unknown normal balance 'left'; expected debit or credit"), (i.Line, i.Message)),
            i => Assert.Equal(6, i.Line),
            i => Assert.Equal(7, i.Line),
            i => Assert.Equal((8, "bad pattern syntax '{family}:x': the first segment must be a literal (the account family), not a placeholder"), (i.Line, i.Message)),
            i => Assert.Equal((9, "expected 6 fields, found 4"), (i.Line, i.Message)));
        Assert.Contains("duplicate GL code 1000: line 3 repeats line 2", issues[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("bad pattern syntax 'counterparties:{id'", issues[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_header_is_reported_on_line_one()
    {
        var (_, issues) = CoaCsv.ReadChart("1000,Banks,asset,debit,banks:{b}:{c},Cash\n");

        Assert.Equal(1, Assert.Single(issues).Line);
    }

    [Fact]
    public void Event_GL_rows_must_name_known_templates_and_GL_codes_and_every_template_needs_a_leg()
    {
        var chart = CoaService.LoadSeed().Chart;
        const string csv = """
            template,leg,description,debit_gl,credit_gl
            pay-in,1,ok,1000,2000
            pay-out,1,unknown template,2000,1000
            pay-in,1,duplicate leg,1000,2000
            transfer,0,bad leg,2000,2000
            transfer,1,unknown GL,2000,2050
            """;

        var (legs, issues) = CoaCsv.ReadEventGl(csv, chart);

        Assert.Single(legs);
        Assert.Equal((3, "unknown template 'pay-out'"), (issues[0].Line, issues[0].Message));
        Assert.Equal((4, 2), (issues[1].Line, issues[1].OtherLine));
        Assert.Equal((5, "leg '0' must be a whole number from 1"), (issues[2].Line, issues[2].Message));
        Assert.Equal((6, "credit GL code '2050' is not in the chart of accounts"), (issues[3].Line, issues[3].Message));
        Assert.Equal(17, issues.Count(i => i.Message.EndsWith("has no legs", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_entry_whose_class_is_not_its_account_kinds_is_reported_on_its_line_naming_the_kind()
    {
        var csv = Core.Seed.SeedTables.ChartOfAccounts.Replace("2000,Customer wallets,liability,credit", "2000,Customer wallets,asset,debit", StringComparison.Ordinal);

        var (_, issues) = CoaCsv.ReadChart(csv);

        var issue = Assert.Single(issues);
        Assert.Equal(8, issue.Line);
        Assert.Equal("pattern 'wallets:{walletId}:main' (GL 2000) covers WalletMain accounts (wallets:{walletId}:main), which are liability with a credit normal balance (core/Accounts/AccountKinds), not asset/debit", issue.Message);
    }

    [Fact]
    public void A_chart_that_leaves_an_account_kind_without_a_GL_code_is_refused_naming_the_kind()
    {
        var csv = Core.Seed.SeedTables.ChartOfAccounts.Replace("9000,Corrections suspense,suspense,debit,suspense:corrections,Adjusting entries in flight; should return to zero\n", "", StringComparison.Ordinal);

        var (_, issues) = CoaCsv.ReadChart(csv);

        Assert.Equal("no entry covers CorrectionsSuspense accounts (suspense:corrections); every account kind of core/Accounts/AccountKinds needs a GL code", Assert.Single(issues).Message);
    }

    [Fact]
    public void A_finer_pattern_of_an_account_kind_is_a_valid_entry_when_it_agrees_with_the_kind()
    {
        var csv = Core.Seed.SeedTables.ChartOfAccounts.TrimEnd('\n').Replace("banks:{bankId}:{ccy}", "banks:gtb:{ccy}", StringComparison.Ordinal);

        var (chart, issues) = CoaCsv.ReadChart(csv);

        Assert.Empty(issues);
        Assert.Equal("1000", chart.Resolve("banks:gtb:NGN").Value.GlCode);
        Assert.IsType<UnmappedAddress>(chart.Resolve("banks:access:NGN").Error);
    }
}
