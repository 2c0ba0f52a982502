using WalletFlow.Core.Coa;

namespace WalletFlow.Tests.Unit.Coa;

public class DriftTests
{
    private static readonly ChartOfAccounts Seed = CoaService.LoadSeed().Chart;

    [Fact]
    public void Drift_detection_finds_an_unmapped_address()
    {
        // A chart without the expenses entry: a ledger that has booked an expense has drifted from it.
        var chart = new ChartOfAccounts(Seed.Entries.Where(e => e.GlCode != "5000"));

        var drift = CoaService.DetectAddressDrift(chart, ["wallets:w1:main", "banks:gtbank:NGN", "expenses:bank-charges", "wallets:w1:main"]);

        var unmapped = Assert.Single(drift.Unmapped);
        Assert.Equal("expenses:bank-charges", unmapped.Address);
        Assert.Empty(drift.Ambiguous);
        Assert.Empty(drift.Invalid);
        Assert.False(drift.IsClean);
    }

    [Fact]
    public void Drift_detection_reports_ambiguous_and_invalid_addresses()
    {
        var chart = new ChartOfAccounts([.. Seed.Entries, new CoaEntry("2999", "VIP", AccountClass.Liability, NormalBalance.Credit, AddressPattern.Parse("wallets:vip:{x}"), "")]);

        var drift = CoaService.DetectAddressDrift(chart, ["wallets:vip:main", "banks:gtbank:XYZ", "bad address"]);

        Assert.Equal("wallets:vip:main", Assert.Single(drift.Ambiguous).Address);
        Assert.Equal(["bad address", "banks:gtbank:XYZ"], drift.Invalid.Select(i => i.Address));
    }

    [Fact]
    public void The_seed_covers_every_address_the_builders_make()
    {
        var drift = CoaService.DetectAddressDrift(Seed, Accounts.AccountExamples.ByKind.Values.Select(a => a.Value));

        Assert.True(drift.IsClean);
    }

    [Fact]
    public void Database_chart_is_compared_with_the_seed_by_GL_code()
    {
        var database = Seed.Entries
            .Where(e => e.GlCode != "9000")
            .Select(e => e.GlCode == "2000" ? new CoaEntry(e.GlCode, "Wallets (renamed)", e.Class, e.NormalBalance, e.Pattern, e.Description) : e)
            .Append(new CoaEntry("7000", "Old account", AccountClass.Expense, NormalBalance.Debit, AddressPattern.Parse("legacy:{x}"), ""));

        var drift = CoaService.CompareWithSeed(database, Seed);

        Assert.Equal(["9000"], drift.MissingFromDatabase);
        Assert.Equal(["7000"], drift.ExtraInDatabase);
        Assert.Equal(new CoaChange("2000", "name", "Customer wallets", "Wallets (renamed)"), Assert.Single(drift.Changed));
        Assert.True(CoaService.CompareWithSeed(Seed.Entries, Seed).IsClean);
    }
}
