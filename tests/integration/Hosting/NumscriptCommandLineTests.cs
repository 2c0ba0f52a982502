using WalletFlow.Numscript;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Hosting;

/// <summary>
/// <c>walletflow numscript check|run</c> on hostile scripts, as an operator runs them: a script of
/// 10,000 nested parentheses once overflowed the stack (exit 134, no message); now each is one
/// positioned line and exit 1 (issue 16).
/// </summary>
public sealed class NumscriptCommandLineTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("walletflow-numscript-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Write(string name, string script)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, script);
        return path;
    }

    private static string TenThousandParentheses =>
        "send [USD/2 " + new string('(', 10_000) + "1" + new string(')', 10_000) + "] (\n  source = @world\n  destination = @a\n)\n";

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Check_of_ten_thousand_nested_parentheses_exits_1_with_the_position_of_the_first_level_past_the_limit()
    {
        var deep = Write("deep.num", TenThousandParentheses);

        var (exitCode, output) = await WalletFlowProcess.RunAsync(_folder.FullName, null, "numscript", "check", deep);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(Lines(output));
        Assert.Equal($"{deep}:1:76: NestingTooDeep: the script nests deeper than {NumscriptLimits.MaxNestingDepth} levels (parentheses, brackets, calls, operators, sources or destinations)", line);
    }

    [Fact]
    public async Task Check_goes_on_after_a_hostile_file_and_reports_each_file_on_its_own_line()
    {
        var deep = Write("deep.num", TenThousandParentheses);
        var chain = Write("chain.num", "set_tx_meta(\"k\", 1" + string.Concat(Enumerable.Repeat(" + 1", 10_000)) + ")\n");
        var large = Write("large.num", "set_tx_meta(\"k\", 1)\n//" + new string('x', 1024 * 1024) + "\n");
        var huge = Write("huge.num", "send [USD 1" + new string('0', 78) + "] (source = @world destination = @a)\n");
        var fine = Write("fine.num", "send [USD/2 100] (\n  source = @world\n  destination = @a\n)\n");

        var (exitCode, output) = await WalletFlowProcess.RunAsync(_folder.FullName, null, "numscript", "check", deep, fine, chain, large, huge);

        Assert.Equal(1, exitCode);
        var lines = Lines(output);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"{deep}:1:76: NestingTooDeep:", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{chain}:1:", lines[1], StringComparison.Ordinal);
        Assert.Contains(": NestingTooDeep:", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{large}:2:", lines[2], StringComparison.Ordinal);
        Assert.Contains($": ScriptTooLarge: the script is {1024 * 1024 + 23} bytes, more than the limit of {NumscriptLimits.MaxScriptBytes}", lines[2], StringComparison.Ordinal);
        Assert.Equal($"{huge}:1:11: InvalidNumber: a number literal of 79 digits is too large: numbers must be less than 10^78", lines[3]);
        Assert.DoesNotContain(lines, l => l.StartsWith(fine, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_of_ten_thousand_nested_parentheses_exits_1_with_the_position_on_stderr()
    {
        var deep = Write("deep.num", TenThousandParentheses);

        var (exitCode, output) = await WalletFlowProcess.RunAsync(_folder.FullName, null, "numscript", "run", deep);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"{deep}:1:76: NestingTooDeep:", Assert.Single(Lines(output)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_of_an_amount_of_ten_to_the_78_from_a_variable_exits_1_naming_the_limit()
    {
        var script = Write("send.num", "vars { monetary $amount }\nsend $amount (\n  source = @world\n  destination = @a\n)\n");

        var (exitCode, output) = await WalletFlowProcess.RunAsync(_folder.FullName, null, "numscript", "run", script,
            "--vars", $$"""{"amount": "USD 1{{new string('0', 78)}}"}""");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(Lines(output));
        Assert.StartsWith($"{script}: AmountTooLarge:", line, StringComparison.Ordinal);
        Assert.Contains("amounts must be less than 10^78", line, StringComparison.Ordinal);
    }
}
