using System.Text;
using CsCheck;
using WalletFlow.Numscript;

namespace WalletFlow.Tests.Unit.Numscript;

/// <summary>
/// The parser on hostile input: whatever the text, <see cref="ParsedScript.Parse"/> returns either a
/// script or diagnostics positioned inside the text; it never throws and never recurses past
/// NumscriptLimits (issue 16, scope 7). CsCheck prints the seed of a failing case; rerun it with
/// <c>seed:</c> on <c>Sample</c>.
/// </summary>
public sealed class ParserPropertyTests
{
    // Every token the lexer knows, and fragments that open nesting, so random sequences reach deep
    // into the grammar rather than failing on the first character.
    private static readonly string[] Tokens =
    [
        "vars", "max", "source", "destination", "send", "from", "up", "to", "remaining", "allowing", "unbounded",
        "overdraft", "oneof", "kept", "save", "with", "scaling", "through", "feature", "#!", "[", "]", "(", ")", "{", "}",
        ",", "=", "*", "+", "-", "/", "\\", ":", "@", "@world", "@a:b", "@a:$v", "$v", "$amount", "USD", "USD/2", "EUR_X/6",
        "0", "1", "42", "1_000", "1__0", "100_", "7.5%", "12%", "1/3", "\"s\"", "\"unterminated", "/*", "*/", "//", "\n",
        "account", "number", "monetary", "portion", "asset", "string", "meta", "balance", "overdraft(", "get_asset",
        "get_amount", "set_tx_meta", "set_account_meta", "[USD/2 100]", "[USD *]", "99999999999999999999999999999999999999999999999999999999999999999999999999999999",
        "é", "\u0000", "\u202e", "٢", "\r", "\t",
    ];

    private static readonly Gen<string> TokenSoup =
        Gen.Select(Gen.OneOfConst(Tokens), Gen.OneOfConst(" ", "", "\n", "  ")).Array[0, 200]
            .Select(parts => string.Concat(parts.Select(p => p.Item1 + p.Item2)));

    // Openers that each add a level (or several) of nesting, repeated far past the limit, then
    // closed or not.
    private static readonly string[] Openers =
        ["(", "[USD ", "-", "get_amount(", "{ ", "max [USD 1] from ", "oneof { ", "{ 1/2 from ", "{ 1/2 to ", "{ max [USD 1] to ", "1 + ", "1/"];

    private static readonly Gen<string> DeepNesting =
        Gen.Select(Gen.OneOfConst(Openers).Array[1, 4], Gen.Int[0, 3_000], Gen.OneOfConst("", ")", "]", " }", " remaining kept }"), Gen.Bool)
            .Select(t =>
            {
                var (openers, depth, closer, asSend) = t;
                var body = new StringBuilder();
                for (var i = 0; i < depth; i++)
                    body.Append(openers[i % openers.Length]);
                body.Append("@a");
                for (var i = 0; i < depth; i++)
                    body.Append(closer);
                return asSend
                    ? $"send [USD 1] (\n source = {body}\n destination = {body}\n)"
                    : $"set_tx_meta(\"k\", {body})";
            });

    [Fact]
    public void Random_text_is_parsed_or_refused_with_a_position_in_the_text()
    {
        Gen.String.Sample(s => AssertParsedOrPositioned(s), iter: 5_000);
    }

    [Fact]
    public void Random_ascii_is_parsed_or_refused_with_a_position_in_the_text()
    {
        Gen.Char[' ', '~'].Array[0, 400].Select(chars => new string(chars)).Sample(s => AssertParsedOrPositioned(s), iter: 5_000);
    }

    [Fact]
    public void Random_bytes_read_as_utf8_are_parsed_or_refused_with_a_position_in_the_text()
    {
        Gen.Byte.Array[0, 2_000].Select(bytes => Encoding.UTF8.GetString(bytes)).Sample(s => AssertParsedOrPositioned(s), iter: 2_000);
    }

    [Fact]
    public void Random_token_soups_are_parsed_or_refused_with_a_position_in_the_text()
    {
        TokenSoup.Sample(s => AssertParsedOrPositioned(s), iter: 10_000);
    }

    [Fact]
    public void Random_token_soups_inside_a_send_are_parsed_or_refused_with_a_position_in_the_text()
    {
        TokenSoup.Select(soup => $"send [USD/2 100] (\n  source = {soup}\n  destination = @b\n)").Sample(s => AssertParsedOrPositioned(s), iter: 10_000);
    }

    [Fact]
    public void Deep_nesting_of_any_mix_of_constructs_is_bounded()
    {
        DeepNesting.Sample(script =>
        {
            var parsed = AssertParsedOrPositioned(script);
            // Whatever nests past the limit is refused for its depth, never by running out of stack.
            if (parsed.IsValid)
                Assert.True(NestingOf(script) <= NumscriptLimits.MaxNestingDepth + 1, script[..Math.Min(200, script.Length)]);
        }, iter: 500);
    }

    [Fact]
    public void Number_literals_of_any_length_are_numbers_below_ten_to_the_78_or_positioned_errors()
    {
        Gen.Select(Gen.Char['0', '9'].Array[1, 5_000], Gen.Int[0, 5]).Sample((digits, leadingZeros) =>
        {
            var number = new string('0', leadingZeros) + new string(digits);
            var parsed = AssertParsedOrPositioned($"send [USD {number}] (source = @world destination = @a)");

            var significant = number.TrimStart('0').Length;
            if (significant <= 78)
                Assert.True(parsed.IsValid, string.Join("; ", parsed.Diagnostics));
            else
                Assert.Equal((DiagnosticKind.InvalidNumber, 1, 11), (parsed.Diagnostics.Single().Kind, parsed.Diagnostics[0].Line, parsed.Diagnostics[0].Column));
        }, iter: 1_000);
    }

    [Fact]
    public void Valid_random_scripts_run_to_postings_or_a_runtime_error_never_an_exception()
    {
        // The ledger runs whatever parses (even a dry run): a script that parses must not throw there either.
        TokenSoup.Select(soup => $"send [USD/2 100] (\n  source = {soup}\n  destination = @b\n)").Sample(script =>
        {
            var parsed = ParsedScript.Parse(script);
            if (!parsed.IsValid)
                return;
            var store = new InMemoryAccountStore().SetBalance("a", "USD/2", 1_000);
            var vars = new Dictionary<string, string> { ["v"] = "a", ["amount"] = "USD/2 10" };
            NumscriptInterpreter.Run(parsed, vars, store, [FeatureFlags.MidScriptFunctionCall, FeatureFlags.AccountInterpolation]);
            NumscriptInterpreter.Plan(parsed, vars, store);
        }, iter: 10_000);
    }

    private static ParsedScript AssertParsedOrPositioned(string text)
    {
        var parsed = ParsedScript.Parse(text);
        if (parsed.IsValid)
            return parsed;
        Assert.NotEmpty(parsed.Diagnostics);
        // The lexer counts lines at '\n' only; a position may be one past the end of its line (the end of input).
        var lines = text.Split('\n');
        foreach (var diagnostic in parsed.Diagnostics)
        {
            Assert.InRange(diagnostic.Line, 1, lines.Length);
            Assert.InRange(diagnostic.Column, 1, lines[diagnostic.Line - 1].Length + 1);
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
        }
        return parsed;
    }

    // An upper bound on how deep the script's brackets go, to confirm nothing deep was accepted.
    private static int NestingOf(string script)
    {
        var (depth, deepest) = (0, 0);
        foreach (var c in script)
        {
            depth += c is '(' or '[' or '{' ? 1 : c is ')' or ']' or '}' ? -1 : 0;
            deepest = Math.Max(deepest, depth);
        }
        return deepest;
    }
}
