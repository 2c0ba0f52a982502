using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Wallets;

/// <summary>One page of the ledger transactions that touched a wallet, newest first.</summary>
/// <param name="Transactions">The transactions, with all their postings.</param>
/// <param name="Next">The cursor of the next (older) page, or null on the last page.</param>
public sealed record WalletTransactions(IReadOnlyList<LedgerTransaction> Transactions, long? Next);
