using WalletFlow.Core.Accounts;
using WalletFlow.Core.Banks;
using WalletFlow.Core.Ports;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.UseCases;

public sealed class BankFundingTests(UseCaseFixture fx) : IClassFixture<UseCaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Funding_a_bank_debits_the_bank_against_funding_equity_once()
    {
        var bank = NewId("bank");
        var key = Key();
        var equityBefore = await fx.BalanceAsync(AccountAddresses.FundingEquity);

        var funded = await fx.Get<FundBank>().RunAsync(new FundBankRequest(key, bank, "1000000.00", "NGN"), Ct);

        Assert.True(funded.IsSuccess, funded.ToString());
        var bankAccount = new AccountAddress($"banks:{bank}:NGN");
        Assert.Equal([new Posting(bankAccount, AccountAddresses.FundingEquity, 100_000_000, "NGN/2")], funded.Value.Postings);
        Assert.Equal(-100_000_000, await fx.BalanceAsync(bankAccount));
        Assert.Equal(equityBefore + 100_000_000, await fx.BalanceAsync(AccountAddresses.FundingEquity));
        await fx.AssertOutboxAsync(funded.Value, "bank", bank, "BankFunded");
        Assert.Empty(await fx.StatementLinesAsync(funded.Value));
        Assert.Equal("1000000.00", funded.Value.Attributes["amount"]);

        await fx.AssertReplayAndConflictAsync(key, funded.Value,
            () => fx.Get<FundBank>().RunAsync(new FundBankRequest(key, bank, "1000000.00", "NGN"), Ct),
            () => fx.Get<FundBank>().RunAsync(new FundBankRequest(key, bank, "1000000.01", "NGN"), Ct));
        Assert.Equal(-100_000_000, await fx.BalanceAsync(bankAccount));
        await fx.AssertBooksFootAsync();
    }
}
