using CsCheck;
using WalletFlow.Numscript;
using static WalletFlow.Tests.Unit.Numscript.ScriptRun;

namespace WalletFlow.Tests.Unit.Numscript;

public sealed class EvaluatorTests
{
    private const string PayInWithFee = """
        vars {
          monetary $amount
          portion $fee
          account $merchant
        }
        send $amount (
          source = @psp:settlement
          destination = {
            $fee to @platform:fees
            remaining to $merchant
          }
        )
        set_tx_meta("kind", "pay-in")
        """;

    [Fact]
    public void Pay_in_splits_the_fee_and_the_merchant_gets_the_rest()
    {
        var result = new ScriptRun(PayInWithFee)
            .Var("amount", "NGN/2 100001").Var("fee", "1.5%").Var("merchant", "merchants:42")
            .Balance("psp:settlement", "NGN/2", 1_000_000)
            .Run();

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(
            [P("psp:settlement", "platform:fees", 1501, "NGN/2"), P("psp:settlement", "merchants:42", 98500, "NGN/2")],
            result.Postings);
        Assert.Equal("pay-in", result.TransactionMetadata["kind"]);
    }

    [Fact]
    public void Transfer_over_the_balance_is_missing_funds_with_account_asset_needed_and_available()
    {
        var result = new ScriptRun("send [USD/2 500] (\n  source = @alice\n  destination = @bob\n)")
            .Balance("alice", "USD/2", 120)
            .Run();

        var error = Assert.IsType<MissingFundsError>(result.Error);
        Assert.Equal(("alice", "USD/2", 500, 120), (error.Account, error.Asset, (int)error.Needed, (int)error.Available));
        Assert.Equal(new SourcePosition(2, 12), error.Position);
        Assert.Empty(result.Postings);
    }

    [Fact]
    public void In_order_source_drains_each_account_in_turn()
    {
        var result = new ScriptRun("send [USD/2 100] (\n  source = { @a @b allowing overdraft up to [USD/2 30] @c }\n  destination = @d\n)")
            .Balance("a", "USD/2", 40).Balance("b", "USD/2", 10).Balance("c", "USD/2", 1000)
            .Run();

        Assert.Equal([P("a", "d", 40, "USD/2"), P("b", "d", 40, "USD/2"), P("c", "d", 20, "USD/2")], result.Postings);
    }

    [Fact]
    public void Negative_amount_is_a_typed_error()
    {
        var result = new ScriptRun("send [COIN -5] (\n  source = @world\n  destination = @b\n)").Run();

        Assert.Equal(RuntimeErrorKind.NegativeAmount, result.Error?.Kind);
    }

    [Fact]
    public void Portions_that_do_not_add_up_to_one_without_remaining_are_an_invalid_allotment()
    {
        var result = new ScriptRun("send [COIN 10] (\n  source = @world\n  destination = { 50% to @a  30% to @b }\n)").Run();

        Assert.Equal(RuntimeErrorKind.InvalidAllotment, result.Error?.Kind);
    }

    [Fact]
    public void Experimental_syntax_needs_its_feature_flag()
    {
        const string script = "send [COIN 10] (\n  source = oneof { @a @world }\n  destination = @b\n)";

        Assert.Equal(RuntimeErrorKind.ExperimentalFeatureDisabled, new ScriptRun(script).Run().Error?.Kind);
        Assert.Equal([P("world", "b", 10, "COIN")], new ScriptRun(script).Flag(FeatureFlags.Oneof).Run().Postings);
    }

    [Fact]
    public void Missing_variable_is_reported_by_name()
    {
        var error = new ScriptRun(PayInWithFee).Var("amount", "NGN/2 1").Run().Error;

        Assert.Equal(RuntimeErrorKind.MissingVariable, error?.Kind);
        Assert.Contains("$fee", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_lists_the_balances_and_metadata_the_run_will_read_and_skips_world_and_unbounded()
    {
        const string script = """
            vars {
              account $sale
              account $seller = meta($sale, "seller")
            }
            send [EUR/2 100] (
              source = { $sale @credit allowing unbounded overdraft @world }
              destination = $seller
            )
            save [EUR/2 5] from @reserve
            """;

        var needs = new ScriptRun(script).Var("sale", "sales:1").Metadata("sales:1", "seller", "users:9").Plan();

        Assert.Equal([("reserve", "EUR/2"), ("sales:1", "EUR/2")], needs.Balances.Order());
        Assert.Equal([("sales:1", "seller")], needs.Metadata);
        Assert.Empty(needs.AssetFamilies);
    }

    [Fact]
    public void Cache_parses_each_script_text_once()
    {
        var cache = new ParsedScriptCache();

        var first = cache.GetOrParse(PayInWithFee);
        var second = cache.GetOrParse(PayInWithFee);

        Assert.Same(first, second);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Allotment_parts_always_sum_to_the_amount_sent()
    {
        Gen.Select(Gen.Long[0, 1_000_000_000_000], Gen.Int[0, 100], Gen.Int[1, 999]).Sample((amount, percent, thousandths) =>
        {
            var script = $"send [COIN {amount}] (\n  source = @world\n  destination = {{ {percent}% to @a  {thousandths}/1000 to {{ 1/3 to @b remaining to @c }}  remaining kept }}\n)";
            var result = NumscriptInterpreter.Run(ParsedScript.Parse(script), new Dictionary<string, string>(), new InMemoryAccountStore());
            // Only the kept share goes unposted, and it is exactly floor(share × amount): the at most
            // two units lost to flooring go to the first clauses (upstream's makeAllotment).
            var kept = amount * (1000 - percent * 10 - thousandths) / 1000;
            return result.IsSuccess == (percent * 10 + thousandths <= 1000)
                && (!result.IsSuccess || result.Postings.Aggregate(System.Numerics.BigInteger.Zero, (s, p) => s + p.Amount) == amount - kept);
        });
    }
}
