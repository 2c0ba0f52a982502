using WalletFlow.Adapters.Ledger;

namespace WalletFlow.Tests.Integration.Ledger;

/// <summary>Numscript transactions on the embedded ledger: the interpreter over locked PostgreSQL volumes.</summary>
public class EmbeddedLedgerScriptTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private EmbeddedLedger Ledger => fixture.Ledger;

    private const string PayInWithFee = """
        vars {
          account $wallet
          monetary $amount
          portion $fee
        }
        send $amount (
          source = @banks:gtb:ngn allowing unbounded overdraft
          destination = {
            $fee to @revenue:fees
            remaining to $wallet
          }
        )
        set_tx_meta("kind", "pay-in")
        """;

    private static CreateTransaction Script(string plain, Dictionary<string, string> vars, Dictionary<string, string>? metadata = null) =>
        new(null, new TransactionScript(plain, vars), Metadata: metadata);

    [Fact]
    public async Task A_pay_in_script_splits_the_fee_and_lets_only_the_bank_go_negative()
    {
        var ledger = await fixture.NewLedgerAsync();

        var result = await Ledger.CreateTransactionAsync(ledger, Script(PayInWithFee,
            new() { ["wallet"] = "wallets:w1:main", ["amount"] = "NGN/2 100000", ["fee"] = "1.5%" }), "payin-1", Ct);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal([
            new Posting("banks:gtb:ngn", "revenue:fees", 1500, "NGN/2"),
            new Posting("banks:gtb:ngn", "wallets:w1:main", 98500, "NGN/2"),
        ], result.Value.Postings);
        Assert.Equal("pay-in", result.Value.Metadata["kind"]);
        var balances = await Ledger.AggregateBalancesAsync(ledger, new LedgerQuery(), null, Ct);
        Assert.Equal(0, balances.Value!["NGN/2"]);
        var bank = await Ledger.GetAccountAsync(ledger, "banks:gtb:ngn", null, withVolumes: true, Ct);
        Assert.Equal(-100000, bank.Value!.Volumes!["NGN/2"].Balance);
    }

    [Fact]
    public async Task A_script_that_overdraws_a_wallet_is_insufficient_fund_and_writes_nothing()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, "wallets:w1:main", 500);

        var result = await Ledger.CreateTransactionAsync(ledger, Script("""
            vars { monetary $amount }
            send $amount ( source = @wallets:w1:main destination = @wallets:w2:main )
            """, new() { ["amount"] = "NGN/2 501" }), null, Ct);

        Assert.Equal(LedgerErrorCodes.InsufficientFund, result.Error?.Code);
        Assert.Contains("needed NGN/2 501, available NGN/2 500", result.Error!.Message, StringComparison.Ordinal);
        var w2 = await Ledger.GetAccountAsync(ledger, "wallets:w2:main", null, withVolumes: true, Ct);
        Assert.Empty(w2.Value!.Volumes!);
    }

    [Fact]
    public async Task A_destination_read_from_account_metadata_is_locked_and_credited()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, "wallets:w1:main", 1_000);
        Assert.True((await Ledger.SetAccountMetadataAsync(ledger, "wallets:w1:main",
            new Dictionary<string, string> { ["sweep_to"] = "wallets:w9:main" }, Ct)).Succeeded);

        var result = await Ledger.CreateTransactionAsync(ledger, Script("""
            vars {
              account $from
              account $to = meta($from, "sweep_to")
            }
            send [NGN/2 *] ( source = $from destination = $to )
            set_account_meta($from, "swept", "yes")
            """, new() { ["from"] = "wallets:w1:main" }), null, Ct);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal([new Posting("wallets:w1:main", "wallets:w9:main", 1_000, "NGN/2")], result.Value.Postings);
        var from = await Ledger.GetAccountAsync(ledger, "wallets:w1:main", null, withVolumes: true, Ct);
        Assert.Equal("yes", from.Value!.Metadata["swept"]);
        Assert.Equal(0, from.Value.Volumes!["NGN/2"].Balance);
    }

    [Fact]
    public async Task A_malformed_script_is_compilation_failed_with_line_and_column()
    {
        var ledger = await fixture.NewLedgerAsync();

        var result = await Ledger.CreateTransactionAsync(ledger, Script("send [NGN/2 10] (\n  source = @a\n", []), null, Ct);

        Assert.Equal(LedgerErrorCodes.CompilationFailed, result.Error?.Code);
        Assert.Matches(@"^\d+:\d+: ", result.Error!.Message);
    }

    [Fact]
    public async Task Request_metadata_that_the_script_overrides_is_metadata_override()
    {
        var ledger = await fixture.NewLedgerAsync();

        var result = await Ledger.CreateTransactionAsync(ledger, Script(PayInWithFee,
            new() { ["wallet"] = "wallets:w1:main", ["amount"] = "NGN/2 100", ["fee"] = "0%" },
            new() { ["kind"] = "something-else" }), null, Ct);

        Assert.Equal(LedgerErrorCodes.MetadataOverride, result.Error?.Code);
    }

    [Fact]
    public async Task A_missing_variable_is_an_interpreter_runtime_error()
    {
        var ledger = await fixture.NewLedgerAsync();

        var result = await Ledger.CreateTransactionAsync(ledger, Script(PayInWithFee, new() { ["wallet"] = "wallets:w1:main" }), null, Ct);

        Assert.Equal(LedgerErrorCodes.InterpreterRuntime, result.Error?.Code);
    }

    [Fact]
    public async Task Concurrent_scripts_drawing_on_one_wallet_never_overdraw_it()
    {
        var ledger = await fixture.NewLedgerAsync();
        await fixture.FundAsync(ledger, "wallets:hot:main", 1_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
            Ledger.CreateTransactionAsync(ledger, Script("""
                vars { monetary $amount  account $to }
                send $amount ( source = @wallets:hot:main destination = $to )
                """, new() { ["amount"] = "NGN/2 100", ["to"] = $"wallets:d{i}:main" }), null, Ct))));

        Assert.Equal(10, results.Count(r => r.Succeeded));
        var hot = await Ledger.GetAccountAsync(ledger, "wallets:hot:main", null, withVolumes: true, Ct);
        Assert.Equal(0, hot.Value!.Volumes!["NGN/2"].Balance);
    }
}
