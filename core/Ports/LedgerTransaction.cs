namespace WalletFlow.Core.Ports;

/// <summary>A committed ledger transaction.</summary>
/// <param name="Id">The ledger's id (per-ledger sequence).</param>
/// <param name="Timestamp">Its timestamp.</param>
/// <param name="Reference">The unique reference it was posted with.</param>
/// <param name="Postings">Its postings.</param>
/// <param name="Metadata">Its metadata.</param>
public sealed record LedgerTransaction(
    long Id,
    DateTimeOffset Timestamp,
    string? Reference,
    IReadOnlyList<Posting> Postings,
    IReadOnlyDictionary<string, string> Metadata);
