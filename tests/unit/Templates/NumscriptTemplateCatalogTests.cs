using WalletFlow.Adapters.Templates;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;
using WalletFlow.Numscript;
using static WalletFlow.Tests.Unit.Templates.TemplateCalls;

namespace WalletFlow.Tests.Unit.Templates;

public sealed class NumscriptTemplateCatalogTests
{
    private static readonly NumscriptTemplateCatalog Catalog = new();

    [Fact]
    public void The_catalog_holds_exactly_the_18_TemplateNames_each_a_valid_script()
    {
        Assert.Equal(18, Catalog.Names.Count);
        Assert.Equal(TemplateNames.All, Catalog.Names);
        Assert.Equal(TemplateNames.All.Order(StringComparer.Ordinal), NumscriptTemplateCatalog.EmbeddedSources().Keys.Order(StringComparer.Ordinal));
        Assert.Empty(NumscriptTemplateCatalog.Problems(NumscriptTemplateCatalog.EmbeddedSources()));
        Assert.All(TemplateNames.All, name => Assert.True(Catalog[name].Script.IsValid, name));
    }

    [Fact]
    public void The_embedded_templates_are_the_files_in_numscript_templates()
    {
        var onDisk = Directory.GetFiles(RepositoryPaths.Combine("numscript", "templates"), "*.num")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllText);

        Assert.Equal(onDisk.OrderBy(p => p.Key, StringComparer.Ordinal), NumscriptTemplateCatalog.EmbeddedSources().OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_template_has_a_sample_call_and_every_sample_fills()
    {
        Assert.Equal(TemplateNames.All.Order(StringComparer.Ordinal), All.Keys.Order(StringComparer.Ordinal));
        foreach (var call in All.Values)
        {
            var filled = Catalog.Fill(call);
            Assert.True(filled.IsSuccess, filled.Error?.Message);
            Assert.Equal(call.Template, filled.Value.Template);
            Assert.Equal(NumscriptTemplateCatalog.EmbeddedSources()[call.Template], filled.Value.Plain);
            Assert.Equal(call.Vars.Keys.Order(StringComparer.Ordinal), filled.Value.Vars.Keys.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Fill_renders_each_var_in_formance_string_form_and_leaves_the_script_text_alone()
    {
        var filled = Catalog.Fill(All[TemplateNames.FxConversion]).Value;

        Assert.Equal(new Dictionary<string, string>
        {
            ["from"] = "wallets:w1:main",
            ["to"] = "wallets:w1usd:main",
            ["position"] = "fx:NGN-USD",
            ["sold"] = "NGN/2 150000",
            ["bought"] = "USD/2 99",
            ["spread"] = "USD/2 1",
            ["rounding"] = "USD/2 1",
            ["rate"] = "0.000666",
        }, filled.Vars);
        Assert.DoesNotContain("150000", filled.Plain, StringComparison.Ordinal);
        Assert.Equal("NGN/2", Catalog.Fill(All[TemplateNames.HoldRelease]).Value.Vars["asset"]);
    }

    [Fact]
    public void An_unknown_template_is_a_mismatch_naming_it()
    {
        var mismatch = Mismatch(Call("pay-out", ("amount", Ngn(1))));

        Assert.Equal("pay-out", mismatch.Template);
        Assert.Contains("no such template", mismatch.Reason, StringComparison.Ordinal);
        Assert.Equal(RejectionCodes.TemplateMismatch, mismatch.Code);
    }

    [Fact]
    public void A_missing_var_is_a_mismatch_naming_the_var_and_its_type()
    {
        var mismatch = Mismatch(Without(All[TemplateNames.PayIn], "reserve_amount"));

        Assert.Equal(TemplateNames.PayIn, mismatch.Template);
        Assert.Equal("missing var $reserve_amount (monetary)", mismatch.Reason);
    }

    [Fact]
    public void An_extra_var_is_a_mismatch_naming_the_var()
    {
        var mismatch = Mismatch(With(All[TemplateNames.Transfer], "discount", Ngn(5)));

        Assert.StartsWith("unknown var $discount;", mismatch.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrongly_typed_var_is_a_mismatch_naming_the_var_and_both_types()
    {
        var mismatch = Mismatch(With(All[TemplateNames.Transfer], "amount", new TemplateVar.Portion(1, 3)));

        Assert.Equal("var $amount is declared monetary but was given a portion", mismatch.Reason);
    }

    [Fact]
    public void A_wallet_where_the_template_allows_an_overdraft_is_refused_so_a_wallet_can_never_be_overdrawn()
    {
        var mismatch = Mismatch(With(All[TemplateNames.PayIn], "source", Acc("wallets:w9:main")));

        Assert.Equal("var $source takes Bank or Pool accounts, but wallets:w9:main is WalletMain", mismatch.Reason);
    }

    [Theory]
    [InlineData(TemplateNames.PayIn, "reserve", "wallets:w2:reserve", "wallet")]
    [InlineData(TemplateNames.PayoutHold, "hold", "wallets:w2:holds:p1", "wallet")]
    [InlineData(TemplateNames.PayoutRelease, "hold", "wallets:w2:holds:p1", "wallet")]
    [InlineData(TemplateNames.HoldPlace, "hold", "wallets:w2:holds:h1", "wallet")]
    [InlineData(TemplateNames.HoldRelease, "hold", "wallets:w2:holds:h1", "wallet")]
    [InlineData(TemplateNames.ReserveRelease, "reserve", "wallets:w2:reserve", "wallet")]
    public void A_hold_or_reserve_of_another_wallet_is_a_mismatch_so_money_never_lands_in_someone_elses_wallet(string template, string name, string address, string wallet)
    {
        var mismatch = Mismatch(With(All[template], name, Acc(address)));

        Assert.Equal($"var ${name} ({address}) must belong to the wallet of ${wallet} (wallets:w1:main)", mismatch.Reason);
    }

    [Fact]
    public void An_amount_in_another_currency_than_the_bank_it_moves_through_is_a_mismatch()
    {
        var call = With(With(All[TemplateNames.PayIn], "amount", Usd(100_000)), "fee", Usd(1));

        var reason = Mismatch(call).Reason;

        Assert.Contains("var $amount is in USD, but $source (banks:gtb:NGN) holds NGN", reason, StringComparison.Ordinal);
        Assert.Contains("var $fee is in USD, but $source (banks:gtb:NGN) holds NGN", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_fx_amount_on_the_wrong_side_of_the_position_is_a_mismatch()
    {
        var mismatch = Mismatch(With(All[TemplateNames.FxConversion], "spread", Ngn(1)));

        Assert.Equal("var $spread is in NGN, but $position (fx:NGN-USD) holds as counter currency USD", mismatch.Reason);
    }

    [Fact]
    public void A_pool_transfer_between_pools_of_currencies_other_than_the_position_is_a_mismatch()
    {
        var mismatch = Mismatch(With(All[TemplateNames.PoolTransfer], "to_pool", Acc("pools:gps:EUR")));

        Assert.Equal("var $received is in USD, but $to_pool (pools:gps:EUR) holds EUR", mismatch.Reason);
    }

    [Fact]
    public void An_address_that_matches_no_account_kind_is_a_mismatch_naming_the_var()
    {
        var mismatch = Mismatch(With(All[TemplateNames.BankFunding], "bank", Acc("banks:gtb:ngn")));

        Assert.StartsWith("var $bank: ", mismatch.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_amount_is_a_mismatch_naming_the_var()
    {
        var mismatch = Mismatch(With(All[TemplateNames.Transfer], "fee", Ngn(-1)));

        Assert.StartsWith("var $fee: amount -0.01 NGN is negative", mismatch.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_call_is_reported_at_once()
    {
        var call = With(Without(All[TemplateNames.HoldPlace], "hold"), "wallet", Ngn(1));

        var reason = Mismatch(call).Reason;

        Assert.Contains("var $wallet is declared account but was given a monetary", reason, StringComparison.Ordinal);
        Assert.Contains("missing var $hold (account)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_template_declares_the_vars_its_sample_call_gives()
    {
        Assert.All(TemplateNames.All, name =>
            Assert.Equal(All[name].Vars.Keys.Order(StringComparer.Ordinal), Catalog[name].Declarations.Select(d => d.Name).Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("missing", "transfer: no template file transfer.num")]
    [InlineData("extra", "pay-out: a template file that no TemplateNames constant names")]
    [InlineData("syntax", "transfer: ")]
    [InlineData("no-kinds", "transfer: account $to has no '// kinds: …' note")]
    [InlineData("bad-kind", "transfer: account $to names 'Wallet', which is not an account kind")]
    [InlineData("overdraft-wallet-var", "transfer: $from may be overdrawn but accepts WalletMain, which may never go negative")]
    [InlineData("overdraft-literal", "transfer: @wallets:w1:main may be overdrawn but is not an account kind that may go negative")]
    [InlineData("world", "transfer: uses @world")]
    [InlineData("revenue-source", "transfer: revenue is a source")]
    [InlineData("no-template-meta", "transfer: does not set_tx_meta(\"template\", \"transfer\")")]
    [InlineData("bad-same-wallet", "transfer: account $to has 'same as $from' after its kinds")]
    [InlineData("same-wallet-not-a-wallet", "transfer: $to is 'same wallet as $amount', but both must be wallet account vars")]
    [InlineData("feature-flag", "transfer: needs experimental features")]
    [InlineData("bad-monetary-note", "transfer: monetary $amount has the note 'in naira'")]
    [InlineData("currency-of-a-wallet", "transfer: $amount is in the currency of $from, which is not an account var whose kinds carry a currency")]
    [InlineData("note-on-a-string", "transfer: string $memo has a note")]
    public void Loading_refuses_templates_that_break_a_rule(string breakage, string problem)
    {
        var sources = NumscriptTemplateCatalog.EmbeddedSources().ToDictionary();
        var transfer = sources[TemplateNames.Transfer];
        switch (breakage)
        {
            case "missing": sources.Remove(TemplateNames.Transfer); break;
            case "extra": sources["pay-out"] = transfer; break;
            case "syntax": sources[TemplateNames.Transfer] = transfer.Replace("send $amount (", "send $amount", StringComparison.Ordinal); break;
            case "no-kinds": sources[TemplateNames.Transfer] = transfer.Replace("$to   // kinds: WalletMain", "$to", StringComparison.Ordinal); break;
            case "bad-kind": sources[TemplateNames.Transfer] = transfer.Replace("$to   // kinds: WalletMain", "$to // kinds: Wallet", StringComparison.Ordinal); break;
            case "overdraft-wallet-var":
                sources[TemplateNames.Transfer] = transfer.Replace("source = $from\n  destination = $to", "source = $from allowing unbounded overdraft\n  destination = $to", StringComparison.Ordinal);
                break;
            case "overdraft-literal":
                sources[TemplateNames.Transfer] = transfer.Replace("source = $from\n  destination = $to", "source = @wallets:w1:main allowing overdraft up to [NGN/2 100]\n  destination = $to", StringComparison.Ordinal);
                break;
            case "world": sources[TemplateNames.Transfer] = transfer.Replace("destination = $to", "destination = @world", StringComparison.Ordinal); break;
            case "revenue-source": sources[TemplateNames.Transfer] = transfer.Replace("source = $from\n  destination = $to", "source = @revenue:fees\n  destination = $to", StringComparison.Ordinal); break;
            case "bad-same-wallet": sources[TemplateNames.Transfer] = transfer.Replace("$to   // kinds: WalletMain", "$to // kinds: WalletMain; same as $from", StringComparison.Ordinal); break;
            case "same-wallet-not-a-wallet":
                sources[TemplateNames.Transfer] = transfer.Replace("$to   // kinds: WalletMain", "$to // kinds: WalletMain; same wallet as $amount", StringComparison.Ordinal);
                break;
            case "feature-flag": sources[TemplateNames.Transfer] = "#![feature(\"experimental-overdraft-function\")]\n" + transfer; break;
            case "bad-monetary-note": sources[TemplateNames.Transfer] = transfer.Replace("monetary $amount\n", "monetary $amount // in naira\n", StringComparison.Ordinal); break;
            case "currency-of-a-wallet":
                sources[TemplateNames.Transfer] = transfer.Replace("monetary $amount\n", "monetary $amount // currency of $from\n", StringComparison.Ordinal);
                break;
            case "note-on-a-string": sources[TemplateNames.Transfer] = transfer.Replace("monetary $fee\n", "monetary $fee\n  string $memo // free text\n", StringComparison.Ordinal); break;
            case "no-template-meta": sources[TemplateNames.Transfer] = transfer.Replace("set_tx_meta(\"template\", \"transfer\")", "", StringComparison.Ordinal); break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage));
        }
        var embedded = NumscriptTemplateCatalog.EmbeddedSources();
        Assert.False(sources.Count == embedded.Count && sources.All(s => embedded.GetValueOrDefault(s.Key) == s.Value), "the breakage changed nothing");

        var problems = NumscriptTemplateCatalog.Problems(sources);

        Assert.Contains(problems, p => p.StartsWith(problem, StringComparison.Ordinal));
        var thrown = Assert.Throws<InvalidOperationException>(() => new NumscriptTemplateCatalog(sources, new ParsedScriptCache()));
        Assert.Contains(problem, thrown.Message, StringComparison.Ordinal);
    }

    private static TemplateMismatch Mismatch(TemplateCall call)
    {
        var filled = Catalog.Fill(call);
        Assert.False(filled.IsSuccess, "the call was expected not to fit");
        return Assert.IsType<TemplateMismatch>(filled.Error);
    }

    private static TemplateCall With(TemplateCall call, string name, TemplateVar value)
    {
        var vars = call.Vars.ToDictionary();
        vars[name] = value;
        return call with { Vars = vars };
    }

    private static TemplateCall Without(TemplateCall call, string name) =>
        call with { Vars = call.Vars.Where(v => v.Key != name).ToDictionary() };
}
