using WalletFlow.Core.Coa;
using WalletFlow.Core.Ports;

namespace WalletFlow.Api;

/// <summary>
/// The answer of <c>POST /v1/coa/imports</c>: what was done (<c>dry-run</c>, <c>unchanged</c>, <c>applied</c>),
/// the version it was compared with, the version stored (when applied), the changes to the chart and the
/// drift against the ledger's existing accounts.
/// </summary>
public sealed record CoaImportResponse(
    string Status,
    CoaImportResponse.VersionJson? Current,
    CoaImportResponse.VersionJson? Stored,
    int Entries,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<CoaFieldChange> Changed,
    bool EventGlChanged,
    CoaImportResponse.LedgerJson Ledger)
{
    /// <summary>A stored version: its number, where it came from, who stored it and when.</summary>
    public sealed record VersionJson(int Version, string Source, string PublishedBy, DateTimeOffset PublishedAt);

    /// <summary>The drift against the ledger: accounts checked, those the file maps to no GL code, those whose GL code it changes.</summary>
    public sealed record LedgerJson(int Accounts, bool Drift, int UnmappedCount, IReadOnlyList<string> Unmapped, IReadOnlyList<CoaRemap> Remapped);

    /// <summary>The status words, one per <see cref="CoaImportStatus"/>.</summary>
    public static string StatusWord(CoaImportStatus status) => status switch
    {
        CoaImportStatus.DryRun => "dry-run",
        CoaImportStatus.Unchanged => "unchanged",
        CoaImportStatus.NeedsConfirmation => "needs-confirmation",
        CoaImportStatus.Applied => "applied",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not an import status"),
    };

    /// <summary>The response for an outcome.</summary>
    public static CoaImportResponse From(CoaImportOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var r = outcome.Report;
        return new CoaImportResponse(StatusWord(outcome.Status), Version(r.Current), Version(outcome.Stored), r.Entries, r.Added, r.Removed, r.Changed,
            r.EventGlChanged, new LedgerJson(r.LedgerAccounts, r.HasLedgerDrift, r.UnmappedCount, r.Unmapped, r.Remapped));
    }

    private static VersionJson? Version(CoaSnapshot? snapshot) =>
        snapshot is null ? null : new VersionJson(snapshot.Version, snapshot.Source, snapshot.PublishedBy, snapshot.PublishedAt);
}
