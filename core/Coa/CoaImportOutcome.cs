using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Coa;

/// <summary>What an import found and did.</summary>
/// <param name="Status">Dry run, unchanged, waiting for confirmation, or applied.</param>
/// <param name="Report">The differences from the current version and the drift against the ledger.</param>
/// <param name="Stored">The new version when applied; otherwise null.</param>
public sealed record CoaImportOutcome(CoaImportStatus Status, CoaImportReport Report, CoaSnapshot? Stored);
