using WalletFlow.Core.Coa;

namespace WalletFlow.Core.Ports;

/// <summary>
/// Where the chart of accounts and the event→GL map are stored and versioned (Postgres in practice).
/// Reports and gates read the current version; the seed (into an empty database) and an import
/// publish a new one.
/// </summary>
public interface ICoaCatalog
{
    /// <summary>The current published version, or null before the first ingest.</summary>
    Task<CoaSnapshot?> GetCurrentAsync(CancellationToken cancellationToken);

    /// <summary>Stores a validated chart and map as the next version, with who stored it, and returns it.</summary>
    Task<CoaSnapshot> PublishAsync(ChartOfAccounts chart, IReadOnlyList<EventGlEntry> eventGl, string source, string publishedBy, CancellationToken cancellationToken);
}
