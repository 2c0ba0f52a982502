using WalletFlow.Adapters.Ledger;
using InsufficientFunds = WalletFlow.Core.Ports.InsufficientFunds;

namespace WalletFlow.Tests.Integration.Ledger;

/// <summary>
/// Every INSUFFICIENT_FUND the embedded ledger makes carries the shortfall as a value (account, asset,
/// needed, available), on each of its write paths, and the port hands that value on as it is: nothing
/// in the process turns it into text and back.
/// </summary>
public class EmbeddedLedgerShortfallTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private const string Ngn = "NGN/2";
    private const string W1 = "wallets:w1:main";
    private const string W2 = "wallets:w2:main";
    private static readonly InsufficientFunds Expected = new(W1, Ngn, 1_001, 1_000);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private EmbeddedLedger Ledger => fixture.Ledger;

    [Fact]
    public async Task Plain_postings_in_a_group_carry_the_shortfall()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, W1, 1_000);

        var refused = await Ledger.CreateTransactionAsync(ledger, Overdraft(), "k-group", Ct);

        AssertShortfall(refused);
        Assert.Equal("account 'wallets:w1:main' has insufficient funds of NGN/2: needed 1001, available 1000", refused.Error!.Message);
    }

    [Fact]
    public async Task Plain_postings_in_a_dry_run_the_single_write_carry_the_shortfall()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, W1, 1_000);

        AssertShortfall(await Ledger.CreateTransactionAsync(ledger, Overdraft(), null, Ct, dryRun: true));
    }

    [Fact]
    public async Task A_revert_that_would_overdraw_carries_the_shortfall()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, W2, 1_001);
        var paid = await Ledger.CreateTransactionAsync(ledger, new CreateTransaction([new Posting(W2, W1, 1_001, Ngn)]), null, Ct);
        Assert.True(paid.Succeeded, paid.Error?.Message);
        var spent = await Ledger.CreateTransactionAsync(ledger, new CreateTransaction([new Posting(W1, "wallets:w3:main", 1, Ngn)]), null, Ct);
        Assert.True(spent.Succeeded, spent.Error?.Message);

        AssertShortfall(await Ledger.RevertTransactionAsync(ledger, paid.Value.Id, force: false, Ct));
    }

    [Fact]
    public async Task A_script_carries_the_interpreters_missing_funds()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, W1, 1_000);
        var script = new TransactionScript("""
            vars { monetary $amount }
            send $amount ( source = @wallets:w1:main destination = @wallets:w2:main )
            """, new Dictionary<string, string> { ["amount"] = "NGN/2 1001" });

        AssertShortfall(await Ledger.CreateTransactionAsync(ledger, new CreateTransaction(null, script), null, Ct));
    }

    [Fact]
    public async Task Through_the_port_the_shortfall_is_the_rejection()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, W1, 1_000);

        var refused = await Ledger.CreateTransactionAsync(ledger, Overdraft(), null, Ct);

        Assert.Same(refused.Error!.Shortfall, LedgerPort.ToRejection(refused.Error));
    }

    private static CreateTransaction Overdraft() => new([new Posting(W1, W2, 1_001, Ngn)]);

    private static void AssertShortfall(LedgerResult<LedgerTransaction> result)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(LedgerErrorCodes.InsufficientFund, result.Error.Code);
        Assert.Equal(Expected, result.Error.Shortfall);
    }
}
