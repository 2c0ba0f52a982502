using WalletFlow.Core.Accounts;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Seed;

namespace WalletFlow.Core.Coa;

/// <summary>
/// Imports a chart of accounts (issue 20 §3; <c>walletflow coa import</c>, <c>POST /v1/coa/imports</c>):
/// the file passes the seed's validation (<see cref="CoaCsv"/>: line-numbered, overlapping patterns with
/// both lines, classes, GL codes, the account kinds) and the release's event→GL map must find every GL
/// code it names, or it is refused whole. Then it is compared with the current version and with the
/// ledger's existing accounts, and stored as the next version (with who and when) unless it is a dry
/// run, is the current version already, or would move existing accounts to another GL code or to none
/// without the operator confirming that drift.
/// </summary>
public sealed class ImportChartOfAccounts(ICoaCatalog catalog, ILedger ledger)
{
    /// <summary>The most unmapped accounts a report lists by name (it always counts them all).</summary>
    public const int MaxListedAccounts = 50;

    /// <summary>Validates, compares and (when allowed) stores the file.</summary>
    public async Task<Result<CoaImportOutcome>> RunAsync(CoaImportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (chart, chartIssues) = CoaCsv.ReadChart(request.Csv ?? "");
        if (chartIssues.Count > 0)
            return new CoaFileRefused(chartIssues);
        // The event→GL map belongs to the release's templates: it travels with every version and must
        // find each GL code it debits or credits in the imported chart.
        var (legs, legIssues) = CoaCsv.ReadEventGl(SeedTables.EventGl, chart);
        if (legIssues.Count > 0)
            return new CoaFileRefused([.. legIssues.Select(i => i with { Message = $"seed/event-gl.csv line {i.Line}: {i.Message}" })]);

        var current = await catalog.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var report = await ReportAsync(chart, legs, current, cancellationToken).ConfigureAwait(false);
        if (request.DryRun)
            return new CoaImportOutcome(CoaImportStatus.DryRun, report, null);
        if (report.IsUnchanged)
            return new CoaImportOutcome(CoaImportStatus.Unchanged, report, null);
        if (report.HasLedgerDrift && !request.AcceptDrift)
            return new CoaImportOutcome(CoaImportStatus.NeedsConfirmation, report, null);
        var stored = await catalog.PublishAsync(chart, legs, request.Source, request.Actor ?? "unknown", cancellationToken).ConfigureAwait(false);
        return new CoaImportOutcome(CoaImportStatus.Applied, report, stored);
    }

    private async Task<CoaImportReport> ReportAsync(
        ChartOfAccounts chart, IReadOnlyList<EventGlEntry> legs, CoaSnapshot? current, CancellationToken cancellationToken)
    {
        var versions = CoaService.CompareWithSeed(current?.Chart.Entries ?? [], chart);
        var addresses = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var balance in ledger.ListBalancesAsync("", cancellationToken).ConfigureAwait(false))
            addresses.Add(balance.Address.Value);

        var unmapped = new List<string>();
        var remapped = new Dictionary<(string From, string To), (int Count, string Example)>();
        foreach (var address in addresses)
        {
            if (!AccountAddress.Parse(address).TryGetValue(out var parsed, out _))
                continue;
            var now = chart.Resolve(parsed);
            var before = current?.Chart.Resolve(parsed) is { IsSuccess: true } was ? was.Value.GlCode : null;
            // Drift is what the file changes: an account the current version leaves unmapped already is gate 4's finding, not this import's.
            if (!now.IsSuccess)
            {
                if (current is null || before is not null)
                    unmapped.Add(address);
                continue;
            }
            if (before is not null && before != now.Value.GlCode)
            {
                var key = (before, now.Value.GlCode);
                var (count, example) = remapped.GetValueOrDefault(key, (0, address));
                remapped[key] = (count + 1, example);
            }
        }
        return new CoaImportReport(
            current, chart.Entries.Count,
            Added: versions.MissingFromDatabase, Removed: versions.ExtraInDatabase,
            Changed: [.. versions.Changed.Select(c => new CoaFieldChange(c.GlCode, c.Field, From: c.Database, To: c.Seed))],
            EventGlChanged: current is not null && !current.EventGl.SequenceEqual(legs),
            addresses.Count, [.. unmapped.Take(MaxListedAccounts)], unmapped.Count,
            [.. remapped.OrderBy(r => r.Key.From, StringComparer.Ordinal).Select(r => new CoaRemap(r.Key.From, r.Key.To, r.Value.Count, r.Value.Example))]);
    }
}
