using WalletFlow.Numscript;

namespace WalletFlow.Tests.Unit.Numscript;

/// <summary>One malformed script per kind of static error, each pinned to its line and column.</summary>
public sealed class ParserErrorTests
{
    public static TheoryData<DiagnosticKind, string, int, int> Errors => new()
    {
        { DiagnosticKind.UnexpectedCharacter, "send [COIN 10] (\n  source = @a ?\n  destination = @b\n)", 2, 15 },
        { DiagnosticKind.UnterminatedString, "set_tx_meta(\"k\", \"abc)\n", 1, 18 },
        { DiagnosticKind.UnterminatedComment, "set_tx_meta(\"k\", 1)\n/* never closed\n", 2, 1 },
        { DiagnosticKind.InvalidNumber, "send [COIN 1__0] (\n  source = @a\n  destination = @b\n)", 1, 12 },
        { DiagnosticKind.UnexpectedToken, "send [COIN 10] (\n  source = @a\n)", 3, 1 },
        { DiagnosticKind.DuplicateVariable, "vars {\n  account $a\n  account $a\n}", 3, 3 },
        { DiagnosticKind.UnknownType, "vars {\n  money $a\n}", 2, 3 },
        { DiagnosticKind.UndeclaredVariable, "send [COIN 10] (\n  source = $src\n  destination = @b\n)", 2, 12 },
        { DiagnosticKind.UnknownFunction, "set_tx_metadata(\"k\", 1)", 1, 1 },
        { DiagnosticKind.WrongArity, "vars {\n  monetary $b = balance(@a)\n}", 2, 17 },
        { DiagnosticKind.TypeMismatch, "send [COIN 10] (\n  source = \"alice\"\n  destination = @b\n)", 2, 12 },
        // The call is level 1, so the 64th parenthesis (column 18 + 63) is the 65th level.
        { DiagnosticKind.NestingTooDeep, "set_tx_meta(\"k\", " + new string('(', 70) + "1" + new string(')', 70) + ")", 1, 81 },
        { DiagnosticKind.ScriptTooLarge, "set_tx_meta(\"k\", 1)\n//" + new string('x', NumscriptLimits.MaxScriptBytes), 2, NumscriptLimits.MaxScriptBytes - 19 },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Malformed_script_reports_the_error_kind_at_its_line_and_column(DiagnosticKind kind, string script, int line, int column)
    {
        var parsed = ParsedScript.Parse(script);

        Assert.False(parsed.IsValid);
        var diagnostic = Assert.Single(parsed.Diagnostics);
        Assert.Equal(kind, diagnostic.Kind);
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void Every_error_kind_has_a_test_case()
    {
        var tested = Errors.Select(row => row.Data.Item1).ToHashSet();

        Assert.Equal(Enum.GetValues<DiagnosticKind>().ToHashSet(), tested);
    }

    [Fact]
    public void Unexpected_token_says_what_was_expected_and_what_was_found()
    {
        var diagnostic = Assert.Single(ParsedScript.Parse("send [COIN 10] (\n  source = @a\n)").Diagnostics);

        Assert.Equal("expected 'destination', found ')'", diagnostic.Message);
    }

    [Fact]
    public void Type_checker_reports_every_problem_not_just_the_first()
    {
        var parsed = ParsedScript.Parse("vars {\n  account $a\n  account $a\n}\nset_tx_meta(\"k\", $nope)\nsend [COIN 1] (\n  source = $a\n  destination = 42\n)");

        Assert.Equal(
            [DiagnosticKind.DuplicateVariable, DiagnosticKind.UndeclaredVariable, DiagnosticKind.TypeMismatch],
            parsed.Diagnostics.Select(d => d.Kind));
    }

    [Theory]
    [InlineData("send [USD/2 100] (source = { @a @b } destination = { remaining kept })")]
    [InlineData("set_tx_meta(\"k\", 10 - ($n + 1_000))\n", "vars { number $n }")]
    [InlineData("send [EUR/2 100] - [EUR/2 1] (\n  source = @world // comment\n  destination = @dest /* block */\n)")]
    public void Upstream_syntax_extensions_parse(string script, string vars = "")
    {
        var parsed = ParsedScript.Parse(vars + "\n" + script);

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Diagnostics));
    }
}
