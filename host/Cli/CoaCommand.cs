using System.CommandLine;
using System.Text;
using WalletFlow.Core.Coa;

namespace WalletFlow.Host.Cli;

/// <summary>
/// <c>walletflow coa template</c>: renders "Ledger Template.csv" from the seed chart of accounts and
/// event→GL map embedded in core. It prints to stdout, writes a file with <c>--out</c>, or with
/// <c>--check</c> fails (exit 1) when a file differs from what the seed produces.
/// <c>walletflow coa import FILE [--dry-run] [--apply]</c>: the same use case as POST /v1/coa/imports,
/// against the same database as <c>serve</c> (<see cref="CoaImportCommand"/>).
/// </summary>
internal static class CoaCommand
{
    public static Command Create()
    {
        var coa = new Command("coa", "Chart of accounts tools.");
        coa.Subcommands.Add(CreateTemplate());
        coa.Subcommands.Add(CoaImportCommand.Create());
        return coa;
    }

    private static Command CreateTemplate()
    {
        var output = new Option<FileInfo?>("--out", "-o")
        {
            Description = $"Write the file here (for example 'seed/{LedgerTemplate.FileName}') instead of printing it.",
        };
        var check = new Option<FileInfo?>("--check")
        {
            Description = "Compare this file with the generated one; exit 1 when they differ.",
        };
        var command = new Command("template", $"Generate \"{LedgerTemplate.FileName}\": one row per template leg with its GL codes.");
        command.Options.Add(output);
        command.Options.Add(check);
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(async _ =>
        {
            var text = CoaService.GenerateLedgerTemplate();
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            if (parseResult.GetValue(check) is { } expected)
            {
                var same = expected.Exists && await File.ReadAllTextAsync(expected.FullName, utf8, ct) == text;
                await (same ? Console.Out : Console.Error).WriteLineAsync(same
                    ? $"{expected.FullName} matches the seed."
                    : $"walletflow: {expected.FullName} differs from the seed; regenerate it with 'walletflow coa template --out'.");
                return same ? CommandRunner.Ok : CommandRunner.Failed;
            }
            if (parseResult.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, utf8, ct);
                await Console.Out.WriteLineAsync($"Wrote {file.FullName}.");
                return CommandRunner.Ok;
            }
            await Console.Out.WriteAsync(text);
            return CommandRunner.Ok;
        }, ct));
        return command;
    }
}
