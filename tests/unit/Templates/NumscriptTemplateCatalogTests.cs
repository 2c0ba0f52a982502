using WalletFlow.Adapters.Templates;
using WalletFlow.Core.Accounts;
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
        Assert.Equal(TemplateNames.All.Order(StringComparer.Ordinal), TemplateSources.Scripts.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(NumscriptTemplateCatalog.Problems(TemplateSources.Scripts, TemplateSources.Signatures));
        Assert.All(TemplateNames.All, name => Assert.True(Catalog[name].Script.IsValid, name));
    }

    [Fact]
    public void The_embedded_templates_are_the_files_in_templates_and_the_interpreter_project_holds_none()
    {
        var onDisk = Directory.GetFiles(RepositoryPaths.Combine("templates"), "*.num")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllText);

        Assert.Equal(onDisk.OrderBy(p => p.Key, StringComparer.Ordinal), TemplateSources.Scripts.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(File.ReadAllText(RepositoryPaths.Combine("templates", "signatures.csv")), TemplateSources.Signatures);
        Assert.Empty(typeof(ParsedScript).Assembly.GetManifestResourceNames());
        Assert.Empty(Directory.GetFiles(RepositoryPaths.Combine("numscript"), "*.num", SearchOption.AllDirectories));
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
            Assert.Equal(TemplateSources.Scripts[call.Template], filled.Value.Plain);
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

    [Fact]
    public void Each_template_takes_its_vars_from_signatures_csv_kinds_and_all()
    {
        var payIn = Catalog[TemplateNames.PayIn].Declarations;

        Assert.Equal(["source", "wallet", "reserve", "amount", "fee", "reserve_amount"], payIn.Select(d => d.Name));
        Assert.Equal([AccountKind.Bank, AccountKind.Pool], payIn[0].Kinds.Order());
        Assert.Equal("wallet", payIn[2].SameWalletAs);
        Assert.Equal([("source", false)], payIn[3].CurrencyOf);
        Assert.Equal([("pool", false), ("bank", false)], Catalog[TemplateNames.PoolFunding].Declarations.Single(d => d.Name == "amount").CurrencyOf);
        Assert.Equal([("to_pool", false), ("position", true)], Catalog[TemplateNames.PoolTransfer].Declarations.Single(d => d.Name == "received").CurrencyOf);
        Assert.DoesNotContain("kinds:", TemplateSources.Scripts[TemplateNames.PayIn], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "transfer: no template file transfer.num")]
    [InlineData("extra", "pay-out: a template file that no TemplateNames constant names")]
    [InlineData("syntax", "transfer: ")]
    [InlineData("overdraft-wallet-var", "transfer: $from may be overdrawn but accepts WalletMain, which may never go negative")]
    [InlineData("overdraft-literal", "transfer: @wallets:w1:main may be overdrawn but is WalletMain, which may never go negative")]
    [InlineData("world", "transfer: uses @world at ")]
    [InlineData("revenue-source", "transfer: revenue is a source (@revenue:fees at ")]
    [InlineData("revenue-var-source", "transfer: revenue is a source ($from at ")]
    [InlineData("no-template-meta", "transfer: does not set_tx_meta(\"template\", \"transfer\")")]
    [InlineData("template-meta-in-a-comment", "transfer: does not set_tx_meta(\"template\", \"transfer\")")]
    [InlineData("feature-flag", "transfer: needs experimental features")]
    [InlineData("script-var-not-signed", "transfer: the script declares monetary $tip, which templates/signatures.csv does not")]
    [InlineData("type-differs", "transfer: the script declares $fee monetary, templates/signatures.csv says portion")]
    [InlineData("signed-var-not-in-script", "transfer: templates/signatures.csv declares monetary $tip, which the script does not")]
    [InlineData("no-kinds", "templates/signatures.csv line 9: transfer $to is an account var without kinds")]
    [InlineData("bad-kind", "templates/signatures.csv line 9: transfer $to names 'Wallet', which is not an account kind")]
    [InlineData("same-wallet-not-a-wallet", "templates/signatures.csv line 9: transfer $to is in the same wallet as $amount, but both must be wallet account vars")]
    [InlineData("currency-of-a-wallet", "templates/signatures.csv line 10: transfer $amount is in the currency of $from, which is not an account var whose kinds carry a currency")]
    [InlineData("kinds-on-a-monetary", "templates/signatures.csv line 10: transfer $amount is monetary: only account vars take kinds")]
    [InlineData("unknown-template", "templates/signatures.csv line 68: 'pay-out' is not a template")]
    [InlineData("declared-twice", "templates/signatures.csv line 68: transfer $fee is declared again (first on line 11)")]
    [InlineData("bad-header", "templates/signatures.csv line 1: the header must be")]
    public void Loading_refuses_templates_that_break_a_rule(string breakage, string problem)
    {
        var sources = TemplateSources.Scripts.ToDictionary();
        var signatures = TemplateSources.Signatures;
        var transfer = sources[TemplateNames.Transfer];
        void Script(string from, string to)
        {
            Assert.Contains(from, transfer, StringComparison.Ordinal);
            sources[TemplateNames.Transfer] = transfer.Replace(from, to, StringComparison.Ordinal);
        }
        void Signature(string from, string to)
        {
            Assert.Contains(from, signatures, StringComparison.Ordinal);
            signatures = signatures.Replace(from, to, StringComparison.Ordinal);
        }
        switch (breakage)
        {
            case "missing": sources.Remove(TemplateNames.Transfer); break;
            case "extra": sources["pay-out"] = transfer; break;
            case "syntax": Script("send $amount (", "send $amount"); break;
            case "overdraft-wallet-var": Script("source = $from\n  destination = $to", "source = $from allowing unbounded overdraft\n  destination = $to"); break;
            case "overdraft-literal": Script("source = $from\n  destination = $to", "source = @wallets:w1:main allowing overdraft up to [NGN/2 100]\n  destination = $to"); break;
            case "world": Script("destination = $to", "destination = @world"); break;
            case "revenue-source": Script("source = $from\n  destination = $to", "source = @revenue:fees\n  destination = $to"); break;
            case "revenue-var-source": Signature("transfer,from,account,WalletMain,", "transfer,from,account,WalletMain FeeRevenue,"); break;
            case "no-template-meta": Script("set_tx_meta(\"template\", \"transfer\")", ""); break;
            case "template-meta-in-a-comment": Script("set_tx_meta(\"template\", \"transfer\")", "// set_tx_meta(\"template\", \"transfer\")\nset_tx_meta(\"note\", \"template transfer\")"); break;
            case "feature-flag": sources[TemplateNames.Transfer] = "#![feature(\"experimental-overdraft-function\")]\n" + transfer; break;
            case "script-var-not-signed": Script("monetary $fee\n", "monetary $fee\n  monetary $tip\n"); break;
            case "type-differs": Signature("transfer,fee,monetary,", "transfer,fee,portion,"); break;
            case "signed-var-not-in-script": Signature("transfer,fee,monetary,,,,\n", "transfer,fee,monetary,,,,\ntransfer,tip,monetary,,,,\n"); break;
            case "no-kinds": Signature("transfer,to,account,WalletMain,", "transfer,to,account,,"); break;
            case "bad-kind": Signature("transfer,to,account,WalletMain,", "transfer,to,account,Wallet,"); break;
            case "same-wallet-not-a-wallet": Signature("transfer,to,account,WalletMain,,", "transfer,to,account,WalletMain,amount,"); break;
            case "currency-of-a-wallet": Signature("transfer,amount,monetary,,,,", "transfer,amount,monetary,,,from,"); break;
            case "kinds-on-a-monetary": Signature("transfer,amount,monetary,,", "transfer,amount,monetary,Bank,"); break;
            case "unknown-template": signatures += "pay-out,amount,monetary,,,,\n"; break;
            case "declared-twice": signatures += "transfer,fee,monetary,,,,\n"; break;
            case "bad-header": Signature("template,var,type,", "template,name,type,"); break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage));
        }
        var embedded = TemplateSources.Scripts;
        Assert.False(signatures == TemplateSources.Signatures && sources.Count == embedded.Count && sources.All(s => embedded.GetValueOrDefault(s.Key) == s.Value),
            "the breakage changed nothing");

        var problems = NumscriptTemplateCatalog.Problems(sources, signatures);

        Assert.Contains(problems, p => p.StartsWith(problem, StringComparison.Ordinal));
        var thrown = Assert.Throws<InvalidOperationException>(() => new NumscriptTemplateCatalog(sources, signatures, new ParsedScriptCache()));
        Assert.Contains(problem, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rules_read_the_syntax_tree_so_words_in_comments_and_strings_are_not_code()
    {
        var sources = TemplateSources.Scripts.ToDictionary();
        sources[TemplateNames.Transfer] = sources[TemplateNames.Transfer].Replace("set_tx_meta(\"template\", \"transfer\")",
            "// source = @revenue:fees allowing unbounded overdraft, destination = @world\n"
            + "set_tx_meta(\"template\", \"transfer\")\nset_tx_meta(\"note\", \"never @world, never source = @revenue:fees\")", StringComparison.Ordinal);

        Assert.Empty(NumscriptTemplateCatalog.Problems(sources, TemplateSources.Signatures));
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
