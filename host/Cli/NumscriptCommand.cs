using System.CommandLine;
using WalletFlow.Numscript;
using WalletFlow.Numscript.Specs;

namespace WalletFlow.Host.Cli;

/// <summary>
/// <c>walletflow numscript check|run|test</c>: the interpreter from the command line. The work is in
/// the numscript project (parser, interpreter, specs runner); this file binds arguments and prints.
/// </summary>
internal static class NumscriptCommand
{
    public static Command Create()
    {
        var command = new Command("numscript", "Check, run and test Numscript scripts with walletflow's interpreter.");
        command.Subcommands.Add(CreateCheck());
        command.Subcommands.Add(CreateRun());
        command.Subcommands.Add(CreateTest());
        return command;
    }

    private static Command CreateCheck()
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Script files to parse and type-check." };
        var command = new Command("check", "Parse and type-check scripts; print errors with line and column.") { files };
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(async _ =>
        {
            var failed = false;
            foreach (var file in parseResult.GetValue(files)!)
            {
                var script = ParsedScript.Parse(await File.ReadAllTextAsync(file, ct));
                foreach (var diagnostic in script.Diagnostics)
                    await Console.Out.WriteLineAsync($"{file}:{diagnostic.Line}:{diagnostic.Column}: {diagnostic.Kind}: {diagnostic.Message}");
                failed |= !script.IsValid;
            }
            if (!failed)
                await Console.Out.WriteLineAsync("ok");
            return failed ? CommandRunner.Failed : CommandRunner.Ok;
        }, ct));
        return command;
    }

    private static Command CreateRun()
    {
        var file = new Argument<string>("file") { Description = "The script to run." };
        var vars = new Option<string>("--vars") { Description = "Variables as JSON: {\"amount\": \"USD/2 100\"}." };
        var balances = new Option<string>("--balances") { Description = "Balances as JSON: {\"alice\": {\"USD/2\": 100}} or the specs list." };
        var metadata = new Option<string>("--metadata") { Description = "Account metadata as JSON: {\"alice\": {\"key\": \"value\"}}." };
        var features = new Option<string[]>("--feature") { Description = "Enable an experimental feature flag (repeatable).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("run", "Run a script and print the postings as JSON.") { file, vars, balances, metadata, features };
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(async _ =>
        {
            var path = parseResult.GetValue(file)!;
            var script = ParsedScript.Parse(await File.ReadAllTextAsync(path, ct));
            if (!script.IsValid)
            {
                foreach (var diagnostic in script.Diagnostics)
                    await Console.Error.WriteLineAsync($"{path}:{diagnostic.Line}:{diagnostic.Column}: {diagnostic.Kind}: {diagnostic.Message}");
                return CommandRunner.Failed;
            }
            var store = NumscriptJson.ReadStore(parseResult.GetValue(balances), parseResult.GetValue(metadata));
            var result = NumscriptInterpreter.Run(script, NumscriptJson.ReadVariables(parseResult.GetValue(vars)), store, parseResult.GetValue(features));
            if (result.Error is { } error)
            {
                await Console.Error.WriteLineAsync($"{path}: {error.Kind}: {error}");
                return CommandRunner.Failed;
            }
            await Console.Out.WriteLineAsync(NumscriptJson.WriteResult(result));
            return CommandRunner.Ok;
        }, ct));
        return command;
    }

    private static Command CreateTest()
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.OneOrMore, Description = "Specs files, or folders searched for *.num.specs.json." };
        var command = new Command("test", "Run upstream-format specs; one line per failing case, then 'N passed, M failed'.") { paths };
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(async _ =>
        {
            var runner = new SpecsRunner();
            int passed = 0, failed = 0, skipped = 0;
            foreach (var path in parseResult.GetValue(paths)!)
            {
                foreach (var specCase in SpecsCatalog.Load(path))
                {
                    var result = runner.Run(specCase);
                    switch (result.Outcome)
                    {
                        case SpecOutcome.Passed:
                            passed++;
                            break;
                        case SpecOutcome.Skipped:
                            skipped++;
                            break;
                        default:
                            failed++;
                            await Console.Out.WriteLineAsync($"FAIL {specCase.DisplayPath} :: {specCase.It}: {string.Join("; ", result.Failures)}");
                            break;
                    }
                }
            }
            if (skipped > 0)
                await Console.Out.WriteLineAsync($"{skipped} skipped (marked \"skip\")");
            await Console.Out.WriteLineAsync($"{passed} passed, {failed} failed");
            return failed > 0 || skipped > 0 ? CommandRunner.Failed : CommandRunner.Ok;
        }, ct));
        return command;
    }
}
