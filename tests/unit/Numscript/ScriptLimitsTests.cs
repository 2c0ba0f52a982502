using System.Numerics;
using System.Text;
using WalletFlow.Numscript;

namespace WalletFlow.Tests.Unit.Numscript;

/// <summary>
/// The interpreter's limits (NumscriptLimits): a script too deep or too large is a positioned
/// diagnostic, not a stack overflow that kills the process (issue 16), and a script at the limits
/// still parses, checks and runs.
/// </summary>
public sealed class ScriptLimitsTests
{
    private const int Max = NumscriptLimits.MaxNestingDepth;

    /// <summary>The issue's script: 10,000 nested parentheses around an amount, about 40 KB.</summary>
    public static string TenThousandParentheses { get; } =
        "send [USD/2 " + new string('(', 10_000) + "1" + new string(')', 10_000) + "] (\n  source = @world\n  destination = @a\n)";

    private static NumscriptDiagnostic SingleError(string script, DiagnosticKind kind)
    {
        var parsed = ParsedScript.Parse(script);
        Assert.False(parsed.IsValid);
        var diagnostic = Assert.Single(parsed.Diagnostics);
        Assert.Equal(kind, diagnostic.Kind);
        return diagnostic;
    }

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    [Fact]
    public void Ten_thousand_nested_parentheses_are_refused_at_the_first_parenthesis_past_the_limit()
    {
        var diagnostic = SingleError(TenThousandParentheses, DiagnosticKind.NestingTooDeep);

        // The monetary's '[' is level 1; the 64th '(' (column 13 + 63) is level 65.
        Assert.Equal((1, 13 + Max - 1), (diagnostic.Line, diagnostic.Column));
        Assert.Equal($"1:76: the script nests deeper than {Max} levels (parentheses, brackets, calls, operators, sources or destinations)", diagnostic.ToString());
    }

    // Each builds a script nested `depth` levels by one construct; the parser must refuse every one
    // of them, thousands deep, without recursing that deep, including the chains it builds with a loop
    // (which the checker and evaluator would otherwise walk recursively).
    public static TheoryData<string, Func<int, string>> Nestings => new()
    {
        { "parentheses", n => $"set_tx_meta(\"k\", {new string('(', n)}1{new string(')', n)})" },
        { "prefix minus", n => $"set_tx_meta(\"k\", {Repeat("-", n)}1)" },
        { "a chain of +", n => $"set_tx_meta(\"k\", 1{Repeat(" + 1", n)})" },
        { "a chain of /", n => $"set_tx_meta(\"k\", 1{Repeat("/1", n)})" },
        { "monetaries", n => $"set_tx_meta(\"k\", {Repeat("[USD ", n)}1{new string(']', n)})" },
        { "calls", n => $"set_tx_meta(\"k\", {Repeat("get_amount(", n)}[USD 1]{new string(')', n)})" },
        { "capped sources", n => $"send [USD 1] (\n source = {Repeat("max [USD 1] from ", n)}@a\n destination = @b\n)" },
        { "braced sources", n => $"send [USD 1] (\n source = {Repeat("{ ", n)}@a{Repeat(" }", n)}\n destination = @b\n)" },
        { "oneof sources", n => $"send [USD 1] (\n source = {Repeat("oneof { ", n)}@a{Repeat(" }", n)}\n destination = @b\n)" },
        { "allotted sources", n => $"send [USD 1] (\n source = {Repeat("{ 1/2 from ", n)}@a{Repeat(" remaining from @c }", n)}\n destination = @b\n)" },
        { "allotted destinations", n => $"send [USD 1] (\n source = @a\n destination = {Repeat("{ 1/2 to ", n)}@b{Repeat(" remaining kept }", n)}\n)" },
        { "capped destinations", n => $"send [USD 1] (\n source = @a\n destination = {Repeat("{ max [USD 1] to ", n)}@b{Repeat(" remaining kept }", n)}\n)" },
    };

    [Theory]
    [MemberData(nameof(Nestings))]
    public void Nesting_thousands_deep_is_a_positioned_error_for_every_construct(string construct, Func<int, string> script)
    {
        // As deep as the size limit lets each construct go (10,000 parentheses fit; wordier ones less).
        var depth = 10_000;
        while (Encoding.UTF8.GetByteCount(script(depth)) > NumscriptLimits.MaxScriptBytes)
            depth -= 500;

        var diagnostic = SingleError(script(depth), DiagnosticKind.NestingTooDeep);

        Assert.True(diagnostic.Line >= 1 && diagnostic.Column > 1, $"{construct}: {diagnostic}");
    }

    [Theory]
    [MemberData(nameof(Nestings))]
    public void The_limit_is_exact_one_level_less_is_not_refused_for_depth(string construct, Func<int, string> script)
    {
        var deepestAccepted = Enumerable.Range(1, Max + 1).Last(n => ParsedScript.Parse(script(n)).Diagnostics.All(d => d.Kind != DiagnosticKind.NestingTooDeep));

        Assert.Equal(DiagnosticKind.NestingTooDeep, ParsedScript.Parse(script(deepestAccepted + 1)).Diagnostics.Single().Kind);
        // Every construct reaches close to the limit: the statement, call or send around it takes at
        // most two levels, and a chain's first operand one more.
        Assert.True(deepestAccepted >= Max - 3, $"{construct}: only {deepestAccepted} levels accepted");
    }

    [Fact]
    public void A_script_at_the_deepest_accepted_nesting_checks_and_runs()
    {
        // The checker and the evaluator walk the tree the parser built: at the limit they still run.
        var depth = Max - 2;
        var script = $"send [USD {Repeat("(", depth - 1)}7{Repeat(")", depth - 1)}] (\n source = {Repeat("max [USD 100] from ", Max - 1)}@world\n destination = {Repeat("{ 1/2 to ", Max - 2)}@b{Repeat(" remaining to @c }", Max - 2)}\n)";

        var result = new ScriptRun(script).Run();

        Assert.Null(result.Error);
        Assert.Equal(7, result.Postings.Sum(p => (long)p.Amount));
        Assert.All(result.Postings, p => Assert.Equal("world", p.Source));
    }

    [Fact]
    public void A_long_chain_within_the_limit_runs_and_sums()
    {
        var terms = Max - 2;
        var script = $"vars {{ number $n = 0{Repeat(" + 1", terms - 1)} }}\nsend [USD $n] (source = @world destination = @a)";

        var result = new ScriptRun(script).Flag(FeatureFlags.MidScriptFunctionCall).Run();

        Assert.Null(result.Error);
        Assert.Equal(terms - 1, (long)Assert.Single(result.Postings).Amount);
    }

    [Fact]
    public void A_script_of_exactly_the_size_limit_parses_and_one_byte_more_is_refused_where_it_overflows()
    {
        const string Statement = "set_tx_meta(\"k\", 1)\n//";
        var fits = Statement + new string('x', NumscriptLimits.MaxScriptBytes - Statement.Length);

        Assert.True(ParsedScript.Parse(fits).IsValid);
        var diagnostic = SingleError(fits + "x", DiagnosticKind.ScriptTooLarge);
        // Line 1 and its newline are 20 bytes: byte MaxScriptBytes + 1 is column MaxScriptBytes - 19 of line 2.
        Assert.Equal((2, NumscriptLimits.MaxScriptBytes - 19), (diagnostic.Line, diagnostic.Column));
        Assert.Equal($"the script is {NumscriptLimits.MaxScriptBytes + 1} bytes, more than the limit of {NumscriptLimits.MaxScriptBytes}", diagnostic.Message);
    }

    [Fact]
    public void The_size_limit_counts_utf8_bytes_not_characters()
    {
        // 'é' is two bytes in UTF-8: half the limit in characters is the whole limit in bytes.
        var comment = "//" + new string('é', (NumscriptLimits.MaxScriptBytes / 2) - 1);
        Assert.Equal(NumscriptLimits.MaxScriptBytes, Encoding.UTF8.GetByteCount(comment));

        Assert.DoesNotContain(ParsedScript.Parse(comment).Diagnostics, d => d.Kind == DiagnosticKind.ScriptTooLarge);
        Assert.Equal((1, comment.Length + 1), Position(SingleError(comment + "é", DiagnosticKind.ScriptTooLarge)));
    }

    [Fact]
    public void A_forty_megabyte_script_is_refused_by_its_size()
    {
        var huge = new string('(', 40 * 1024 * 1024);

        Assert.Equal((1, NumscriptLimits.MaxScriptBytes + 1), Position(SingleError(huge, DiagnosticKind.ScriptTooLarge)));
    }

    [Fact]
    public void The_largest_number_literal_below_ten_to_the_78_parses_and_ten_to_the_78_is_refused_where_it_is_written()
    {
        var largest = new string('9', 78);
        var parsed = new ScriptRun($"send [USD {largest}] (source = @world destination = @a)").Run();
        Assert.Equal(BigInteger.Pow(10, 78) - 1, Assert.Single(parsed.Postings).Amount);

        var diagnostic = SingleError("set_tx_meta(\"k\", 1)\nsend [USD 1" + new string('0', 78) + "] (source = @world destination = @a)", DiagnosticKind.InvalidNumber);

        Assert.Equal((2, 11), Position(diagnostic));
        Assert.Equal("a number literal of 79 digits is too large: numbers must be less than 10^78", diagnostic.Message);
    }

    [Fact]
    public void Leading_zeros_do_not_count_toward_the_size_of_a_number()
    {
        var result = new ScriptRun($"send [USD {new string('0', 200)}42] (source = @world destination = @a)").Run();

        Assert.Equal(42, (long)Assert.Single(result.Postings).Amount);
    }

    [Fact]
    public void A_number_of_sixty_thousand_digits_is_a_positioned_error()
    {
        var diagnostic = SingleError($"send [USD 1{new string('7', 60_000)}] (source = @world destination = @a)", DiagnosticKind.InvalidNumber);

        Assert.Equal((1, 11), Position(diagnostic));
    }

    public static TheoryData<string, string> TooLargeSends => new()
    {
        { $"send [USD 9{new string('0', 77)}] + [USD 1{new string('0', 77)}] (source = @world destination = @a)", "10^78 as a sum of literals" },
        { "vars { monetary $m }\nsend $m (source = @world destination = @a)", "10^78 from a variable" },
    };

    [Theory]
    [MemberData(nameof(TooLargeSends))]
    public void Sending_ten_to_the_78_or_more_is_a_runtime_error_at_the_send(string script, string because)
    {
        var result = new ScriptRun(script).Var("m", "USD 1" + new string('0', 78)).Run();

        Assert.True(result.Error is { Kind: RuntimeErrorKind.AmountTooLarge }, because);
        Assert.NotNull(result.Error!.Position);
        Assert.Empty(result.Postings);
        Assert.Contains("amounts must be less than 10^78", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sending_all_of_balances_summing_to_ten_to_the_78_is_a_runtime_error()
    {
        var half = BigInteger.Pow(10, 78) / 2;
        var result = new ScriptRun("send [USD *] (source = { @a @b } destination = @c)")
            .Balance("a", "USD", half).Balance("b", "USD", half).Run();

        Assert.Equal(RuntimeErrorKind.AmountTooLarge, result.Error?.Kind);
    }

    [Theory]
    [InlineData("wallets:victim:main\n")]
    [InlineData("wallets:victim:main\r\n")]
    [InlineData("wallets:victim:main ")]
    public void An_account_variable_with_a_trailing_newline_or_space_is_not_an_account(string address)
    {
        var result = new ScriptRun("vars { account $to }\nsend [USD 1] (source = @world destination = $to)").Var("to", address).Run();

        Assert.Equal(RuntimeErrorKind.InvalidVariable, result.Error?.Kind);
    }

    [Theory]
    [InlineData("USD\n")]
    [InlineData("USD/٢")]
    [InlineData("USD/2\n")]
    public void An_asset_variable_with_a_trailing_newline_or_a_non_ascii_digit_is_not_an_asset(string asset)
    {
        var result = new ScriptRun("vars { asset $a }\nsend [$a 1] (source = @world destination = @b)").Var("a", asset).Run();

        Assert.Equal(RuntimeErrorKind.InvalidVariable, result.Error?.Kind);
    }

    private static (int Line, int Column) Position(NumscriptDiagnostic diagnostic) => (diagnostic.Line, diagnostic.Column);
}
