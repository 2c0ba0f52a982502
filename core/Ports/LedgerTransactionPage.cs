namespace WalletFlow.Core.Ports;

/// <summary>One page of ledger transactions, newest first.</summary>
/// <param name="Transactions">The page, newest first.</param>
/// <param name="HasMore">True when older transactions follow: ask again with the last id as <c>beforeId</c>.</param>
public sealed record LedgerTransactionPage(IReadOnlyList<LedgerTransaction> Transactions, bool HasMore);
