using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Coa;

/// <summary>
/// What an import would change, shown before anything is stored: the chart against the current version
/// (GL codes added, removed, fields changed) and the drift against the ledger's existing accounts (those
/// the file maps to no GL code, and those whose GL code it changes).
/// </summary>
/// <param name="Current">The current version, or null when none is stored yet.</param>
/// <param name="Entries">How many entries the file has.</param>
/// <param name="Added">GL codes in the file, not in the current version.</param>
/// <param name="Removed">GL codes in the current version, not in the file.</param>
/// <param name="Changed">Fields that differ for GL codes in both.</param>
/// <param name="EventGlChanged">True when the event→GL map stored with it (seed/event-gl.csv) differs from the current version's.</param>
/// <param name="LedgerAccounts">How many ledger accounts were checked.</param>
/// <param name="Unmapped">Ledger accounts the current version maps and the file maps to no GL code (at most <see cref="ImportChartOfAccounts.MaxListedAccounts"/>).</param>
/// <param name="UnmappedCount">How many there are in all.</param>
/// <param name="Remapped">Ledger accounts whose GL code the file changes, grouped by old and new GL code.</param>
public sealed record CoaImportReport(
    CoaSnapshot? Current,
    int Entries,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<CoaFieldChange> Changed,
    bool EventGlChanged,
    int LedgerAccounts,
    IReadOnlyList<string> Unmapped,
    int UnmappedCount,
    IReadOnlyList<CoaRemap> Remapped)
{
    /// <summary>True when existing ledger accounts would lose their GL code or get another: storing it needs confirmation.</summary>
    public bool HasLedgerDrift => UnmappedCount > 0 || Remapped.Count > 0;

    /// <summary>True when the file is the current version (chart and event→GL map).</summary>
    public bool IsUnchanged => Current is not null && Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0 && !EventGlChanged;
}
