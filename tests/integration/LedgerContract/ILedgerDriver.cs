using System.Numerics;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Core.Ports;
using LedgerTransaction = WalletFlow.Adapters.Ledger.LedgerTransaction;

namespace WalletFlow.Tests.Integration.LedgerContract;

/// <summary>
/// What the contract suite drives: the Formance v2 subset as operations on a ledger, answered in the
/// embedded ledger's records and <see cref="LedgerError"/> codes. One implementation calls
/// <see cref="EmbeddedLedger"/> in-process, the other the Formance adapter over HTTP.
/// </summary>
public interface ILedgerDriver
{
    /// <summary>For messages: which target this is.</summary>
    string Target { get; }

    Task<LedgerResult<bool>> CreateLedgerAsync(string ledger, CancellationToken ct);
    Task<LedgerResult<LedgerTransaction>> CreateTransactionAsync(string ledger, CreateTransaction request, string? idempotencyKey, CancellationToken ct);
    Task<LedgerResult<LedgerTransaction>> GetTransactionAsync(string ledger, long id, bool withVolumes, CancellationToken ct);
    Task<LedgerResult<LedgerPage<LedgerTransaction>>> ListTransactionsAsync(string ledger, LedgerQuery query, CancellationToken ct);
    /// <summary>Reverts; <paramref name="idempotencyKey"/> is sent where the target takes one (the embedded ledger in-process does not).</summary>
    Task<LedgerResult<LedgerTransaction>> RevertTransactionAsync(string ledger, long id, bool force, CancellationToken ct, string? idempotencyKey = null);
    Task<LedgerResult<bool>> SetTransactionMetadataAsync(string ledger, long id, IReadOnlyDictionary<string, string> metadata, CancellationToken ct);
    Task<LedgerResult<bool>> DeleteTransactionMetadataAsync(string ledger, long id, string key, CancellationToken ct);
    Task<LedgerResult<LedgerAccount>> GetAccountAsync(string ledger, string address, DateTimeOffset? pointInTime, bool withVolumes, CancellationToken ct);
    Task<LedgerResult<LedgerPage<LedgerAccount>>> ListAccountsAsync(string ledger, LedgerQuery query, bool withVolumes, CancellationToken ct);
    Task<LedgerResult<bool>> SetAccountMetadataAsync(string ledger, string address, IReadOnlyDictionary<string, string> metadata, CancellationToken ct);
    Task<LedgerResult<bool>> DeleteAccountMetadataAsync(string ledger, string address, string key, CancellationToken ct);
    Task<LedgerResult<IReadOnlyDictionary<string, BigInteger>>> AggregateBalancesAsync(string ledger, LedgerQuery query, DateTimeOffset? pointInTime, CancellationToken ct);

    /// <summary>The ledger port (<see cref="ILedger"/>) on the same target, on ledger <paramref name="ledger"/>.</summary>
    ILedger Port(string ledger);
}
