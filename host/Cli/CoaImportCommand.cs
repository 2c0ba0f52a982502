using System.CommandLine;
using System.Globalization;
using System.Text;
using WalletFlow.Core.Coa;

namespace WalletFlow.Host.Cli;

/// <summary>
/// <c>walletflow coa import FILE [--dry-run] [--apply]</c> (issue 20 §3): validates a chart of accounts
/// like the seed, prints what it changes against the current version and the drift against the
/// ledger's existing accounts, then stores it as the next version (the actor is <c>cli:</c> and the OS
/// user). <c>--dry-run</c> stores nothing. When existing accounts would lose their GL code or get
/// another, nothing is stored without <c>--apply</c> (exit 1), so drift is always seen before it lands.
/// Exit 0 when stored, unchanged or a clean dry run; 1 when refused or waiting for --apply.
/// </summary>
internal static class CoaImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The chart of accounts: CSV with seed/coa.csv's header (gl_code,name,class,normal_balance,address_pattern,description)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and report only; store nothing." };
        var apply = new Option<bool>("--apply") { Description = "Store it even when existing ledger accounts would change GL code or lose theirs (after reading the drift)." };
        var command = new Command("import", "Import a chart of accounts as the next stored version, after showing its changes and its drift against the ledger.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(file);
        command.Options.Add(dryRun);
        command.Options.Add(apply);
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(async shutdown =>
        {
            var path = parseResult.GetValue(file)!;
            if (parseResult.GetValue(dryRun) && parseResult.GetValue(apply))
                throw new CliUsageException("--dry-run stores nothing and --apply stores it: give one of them.");
            if (!path.Exists)
                throw new CliUsageException($"{path.FullName} does not exist.");
            var csv = await File.ReadAllTextAsync(path.FullName, new UTF8Encoding(false, throwOnInvalidBytes: true), shutdown);

            var (services, _) = await WalletFlowHostDefaults.StartCommandAsync(WalletFlowCli.ConfigurationArguments(parseResult), shutdown);
            await using var __ = services;
            var request = new CoaImportRequest(csv, $"walletflow coa import {path.Name}", ClientsCommand.CliActor,
                DryRun: parseResult.GetValue(dryRun), AcceptDrift: parseResult.GetValue(apply));
            var imported = await services.GetRequiredService<ImportChartOfAccounts>().RunAsync(request, shutdown);
            if (!imported.TryGetValue(out var outcome, out var rejected))
            {
                foreach (var issue in ((CoaFileRefused)rejected).Issues)
                    await Console.Error.WriteLineAsync($"walletflow: {path.Name} {issue}");
                await Console.Error.WriteLineAsync("walletflow: the chart of accounts was refused whole; nothing stored.");
                return CommandRunner.Failed;
            }
            foreach (var line in Describe(path.Name, outcome.Report))
                await Console.Out.WriteLineAsync(line);
            switch (outcome.Status)
            {
                case CoaImportStatus.DryRun:
                    await Console.Out.WriteLineAsync("Dry run: nothing stored.");
                    return CommandRunner.Ok;
                case CoaImportStatus.Unchanged:
                    await Console.Out.WriteLineAsync($"It is the current version v{outcome.Report.Current!.Version} already: nothing stored.");
                    return CommandRunner.Ok;
                case CoaImportStatus.NeedsConfirmation:
                    await Console.Error.WriteLineAsync("walletflow: existing ledger accounts would lose their GL code or get another (above); nothing stored. "
                        + "Run again with --apply to store it anyway.");
                    return CommandRunner.Failed;
                default:
                    var stored = outcome.Stored!;
                    await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"Stored as v{stored.Version} by {stored.PublishedBy} at {stored.PublishedAt:u}."));
                    return CommandRunner.Ok;
            }
        }, ct));
        return command;
    }

    /// <summary>The report as lines: the version compared with, the chart's changes, the ledger's drift.</summary>
    private static IEnumerable<string> Describe(string file, CoaImportReport report)
    {
        yield return report.Current is { } current
            ? string.Create(CultureInfo.InvariantCulture,
                $"{file}: {report.Entries} entries, compared with v{current.Version} ({current.Source}, stored {current.PublishedAt:u} by {current.PublishedBy}).")
            : $"{file}: {report.Entries} entries; no version is stored yet.";
        foreach (var gl in report.Added)
            yield return $"  added GL {gl}";
        foreach (var gl in report.Removed)
            yield return $"  removed GL {gl}";
        foreach (var change in report.Changed)
            yield return $"  changed GL {change.GlCode} {change.Field}: '{change.From}' -> '{change.To}'";
        if (report.EventGlChanged)
            yield return "  the event→GL map stored with it (seed/event-gl.csv) differs from the current version's";
        yield return $"Ledger accounts checked: {report.LedgerAccounts}; drift: {(report.HasLedgerDrift ? "yes" : "none")}.";
        foreach (var address in report.Unmapped)
            yield return $"  unmapped: {address} (no entry of the file matches it)";
        if (report.UnmappedCount > report.Unmapped.Count)
            yield return $"  … and {report.UnmappedCount - report.Unmapped.Count} more unmapped";
        foreach (var remap in report.Remapped)
            yield return $"  GL {remap.FromGl} -> {remap.ToGl}: {remap.Accounts} account(s), for example {remap.Example}";
    }
}
