using WalletFlow.Core.Accounts;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Ports;

/// <summary>
/// The ledger (Formance v2 in production, the embedded ledger locally) as the use cases need it:
/// post a filled template idempotently, and read balances. Balances are never stored elsewhere.
/// </summary>
public interface ILedger
{
    /// <summary>
    /// Posts all-or-nothing. A replay with the same idempotency key and request returns the original
    /// transaction; insufficient funds is an <see cref="InsufficientFunds"/> rejection, not an exception.
    /// </summary>
    Task<Result<LedgerTransaction>> PostAsync(LedgerRequest request, CancellationToken cancellationToken);

    /// <summary>The transaction posted with a reference, or null (used when a post's outcome is unknown).</summary>
    Task<LedgerTransaction?> FindByReferenceAsync(string reference, CancellationToken cancellationToken);

    /// <summary>One account's balances, one per asset it has moved.</summary>
    Task<IReadOnlyList<AccountBalance>> GetBalancesAsync(AccountAddress account, CancellationToken cancellationToken);

    /// <summary>Every balance of every account whose address starts with <paramref name="addressPrefix"/> ("" for all): trial balance, gates, drift.</summary>
    IAsyncEnumerable<AccountBalance> ListBalancesAsync(string addressPrefix, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the transactions that touch any account under <paramref name="addressPrefix"/>
    /// (whole segments: "wallets:w1" is wallets:w1:main, its holds and its reserve), newest first,
    /// older than <paramref name="beforeId"/> when given. The filter is rebuilt on every call, so a
    /// caller's cursor (the last id it saw) can never widen what is listed.
    /// </summary>
    Task<LedgerTransactionPage> ListTransactionsAsync(string addressPrefix, int pageSize, long? beforeId, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the transactions that carry metadata <paramref name="metadataKey"/>, newest first,
    /// with ids above <paramref name="afterId"/> (every one when null) and below <paramref name="beforeId"/>
    /// (when given): the orphan reconciler pages back from the newest to its checkpoint. Like
    /// <see cref="ListTransactionsAsync(string, int, long?, CancellationToken)"/>, the filter is rebuilt on every call.
    /// </summary>
    Task<LedgerTransactionPage> ListTransactionsWithMetadataAsync(string metadataKey, long? afterId, long? beforeId, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="ListBalancesAsync(string, CancellationToken)"/> as the balances stood at
    /// <paramref name="pointInTime"/>: only transactions dated up to and including it count (Formance's <c>pit</c>).
    /// </summary>
    IAsyncEnumerable<AccountBalance> ListBalancesAsync(string addressPrefix, DateTimeOffset pointInTime, CancellationToken cancellationToken);

    /// <summary>The transaction with a ledger id, or null (a past trial balance "as of transaction N" reads its date).</summary>
    Task<LedgerTransaction?> FindTransactionAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// Posts the reversal of transaction <paramref name="id"/> (every posting swapped), never forced: one that
    /// would overdraw an account now is an <see cref="InsufficientFunds"/> rejection, one already reverted a
    /// <see cref="Movements.StateConflict"/>, an unknown id a <see cref="Movements.NotFound"/>.
    /// A replay with the same <paramref name="idempotencyKey"/> answers the original reversal.
    /// </summary>
    Task<Result<LedgerTransaction>> RevertAsync(long id, string idempotencyKey, CancellationToken cancellationToken);
}
