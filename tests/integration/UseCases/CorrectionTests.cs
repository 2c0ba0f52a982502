using WalletFlow.Core.Accounts;
using WalletFlow.Core.Corrections;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.UseCases;

public sealed class CorrectionTests(UseCaseFixture fx) : IClassFixture<UseCaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_correction_credits_then_debits_the_wallet_against_corrections_suspense()
    {
        var wallet = await fx.OpenWalletAsync();
        await fx.FundAsync(wallet.WalletId, "100.00");
        var key = Key();
        var suspenseBefore = await fx.BalanceAsync(AccountAddresses.CorrectionsSuspense);

        var corrected = await fx.Get<PostCorrection>().RunAsync(new CorrectionRequest(key, wallet.WalletId, "NGN", "5.00", "2.00", "ticket 42: double fee"), Ct);

        Assert.True(corrected.IsSuccess, corrected.ToString());
        var main = AccountAddresses.WalletMain(wallet.WalletId);
        var suspense = AccountAddresses.CorrectionsSuspense;
        Assert.Equal([new Posting(suspense, main, 500, "NGN/2"), new Posting(main, suspense, 200, "NGN/2")], corrected.Value.Postings);
        Assert.Equal(10_300, await fx.BalanceAsync(main));
        Assert.Equal(suspenseBefore - 300, await fx.BalanceAsync(suspense));
        Assert.Equal(("5.00", "2.00", "ticket 42: double fee"),
            (corrected.Value.Attributes["credit"], corrected.Value.Attributes["debit"], corrected.Value.Attributes["reason"]));
        await fx.AssertOutboxAsync(corrected.Value, "wallet", wallet.WalletId, "CorrectionPosted");
        Assert.Equal([(main.Value, 300m, 10_300m)], await fx.StatementLinesAsync(corrected.Value));

        await fx.AssertReplayAndConflictAsync(key, corrected.Value,
            () => fx.Get<PostCorrection>().RunAsync(new CorrectionRequest(key, wallet.WalletId, "NGN", "5.00", "2.00", "ticket 42: double fee"), Ct),
            () => fx.Get<PostCorrection>().RunAsync(new CorrectionRequest(key, wallet.WalletId, "NGN", "5.00", null, "ticket 42: double fee"), Ct));
        Assert.Equal(10_300, await fx.BalanceAsync(main));
        await fx.AssertBooksFootAsync();
    }

    [Fact]
    public async Task A_debit_over_the_balance_is_insufficient_funds_and_writes_nothing()
    {
        var wallet = await fx.OpenWalletAsync();
        await fx.FundAsync(wallet.WalletId, "10.00");
        var key = Key();

        var corrected = await fx.Get<PostCorrection>().RunAsync(new CorrectionRequest(key, wallet.WalletId, "NGN", null, "10.01", "reverse"), Ct);

        var refused = Assert.IsType<InsufficientFunds>(corrected.Error);
        Assert.Equal(AccountAddresses.WalletMain(wallet.WalletId).Value, refused.Account);
        await fx.AssertNothingWrittenAsync(key, "correction");
        Assert.Equal(1_000, await fx.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));
    }

    [Theory]
    [InlineData(null, null, "reason", "credit")]
    [InlineData("0", "0.00", "reason", "credit")]
    [InlineData("-1.00", null, "reason", "credit")]
    [InlineData(null, "1.001", "reason", "debit")]
    [InlineData("1.00", null, "", "reason")]
    public async Task Corrections_without_an_amount_or_a_reason_are_rejected_naming_the_field(string? credit, string? debit, string reason, string field)
    {
        var wallet = await fx.OpenWalletAsync();
        var key = Key();

        var corrected = await fx.Get<PostCorrection>().RunAsync(new CorrectionRequest(key, wallet.WalletId, "NGN", credit, debit, reason), Ct);

        Assert.Equal(field, corrected.Error?.Field);
        Assert.NotEqual(RejectionCodes.InsufficientFunds, corrected.Error?.Code);
        await fx.AssertNothingWrittenAsync(key, "correction");
    }
}
