using System.Numerics;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Reports;
using WalletFlow.Core.Results;

namespace WalletFlow.Tests.Unit.Gates;

public class ReportTests
{
    [Theory]
    [InlineData("42", 42L, null)]
    [InlineData("0", 0L, null)]
    [InlineData("2026-11-25T10:00:00Z", null, "2026-11-25T10:00:00+00:00")]
    [InlineData("2026-11-25T11:00:00+01:00", null, "2026-11-25T10:00:00+00:00")]
    [InlineData("2026-11-25", null, "2026-11-25T00:00:00+00:00")]
    public void A_point_is_a_transaction_id_or_a_date_in_UTC(string text, long? id, string? date)
    {
        var point = LedgerPoint.Parse(text);

        Assert.True(point.IsSuccess, point.ToString());
        Assert.Equal(id, point.Value.TransactionId);
        Assert.Equal(date is null ? null : DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture), point.Value.Date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("-1")]
    [InlineData("99999999999999999999")]
    public void Anything_else_is_an_invalid_request_naming_asOf(string text)
    {
        var point = LedgerPoint.Parse(text);

        Assert.Equal(RejectionCodes.InvalidRequest, point.Error?.Code);
        Assert.Equal("asOf", point.Error?.Field);
    }

    [Fact]
    public void Trial_balance_footings_total_each_asset_and_include_unresolved_balances()
    {
        var balances = new[]
        {
            new AccountBalance(new AccountAddress("banks:b:NGN"), "NGN/2", -1_000),
            new AccountBalance(new AccountAddress("wallets:w:main"), "NGN/2", 700),
            new AccountBalance(new AccountAddress("mystery:account"), "NGN/2", 300),
        };
        var report = new TrialBalanceReport(null, null, 1, TrialBalance.Compute(CoaService.LoadSeed().Chart, balances));

        var footing = Assert.Single(report.Footings);
        Assert.Equal((new BigInteger(1_000), new BigInteger(1_000)), (footing.Debit, footing.Credit));
        Assert.True(report.Foots);
    }

    [Fact]
    public void Coverage_is_covering_assets_over_customer_liabilities_and_null_when_nothing_is_owed()
    {
        var position = new AlmPosition("NGN/2", "NGN", WalletsMain: 600, Holds: 300, Reserves: 100, Banks: 1_000, Pools: 250, Custody: 0, Clearing: -50);

        Assert.Equal(new BigInteger(1_000), position.CustomerLiabilities);
        Assert.Equal(new BigInteger(1_200), position.CoveringAssets);
        Assert.Equal(1.2m, position.Coverage);
        Assert.Null((position with { WalletsMain = 0, Holds = 0, Reserves = 0 }).Coverage);
    }
}
