using System.Numerics;
using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Core.Ports;
using LedgerTransaction = WalletFlow.Adapters.Ledger.LedgerTransaction;

namespace WalletFlow.Tests.Integration.LedgerContract;

/// <summary>The embedded ledger, in-process.</summary>
public sealed class EmbeddedLedgerDriver(EmbeddedLedger embedded) : ILedgerDriver
{
    public string Target => "embedded ledger, in-process";

    public async Task<LedgerResult<bool>> CreateLedgerAsync(string ledger, CancellationToken ct)
    {
        var created = await embedded.CreateLedgerAsync(ledger, null, ct);
        return created.Succeeded ? LedgerResult<bool>.Ok(true) : created.Error;
    }

    public Task<LedgerResult<LedgerTransaction>> CreateTransactionAsync(string ledger, CreateTransaction request, string? idempotencyKey, CancellationToken ct) =>
        embedded.CreateTransactionAsync(ledger, request, idempotencyKey, ct);

    public Task<LedgerResult<LedgerTransaction>> GetTransactionAsync(string ledger, long id, bool withVolumes, CancellationToken ct) =>
        embedded.GetTransactionAsync(ledger, id, withVolumes, ct);

    public Task<LedgerResult<LedgerPage<LedgerTransaction>>> ListTransactionsAsync(string ledger, LedgerQuery query, CancellationToken ct) =>
        embedded.ListTransactionsAsync(ledger, query, ct);

    public Task<LedgerResult<LedgerTransaction>> RevertTransactionAsync(string ledger, long id, bool force, CancellationToken ct, string? idempotencyKey = null) =>
        embedded.RevertTransactionAsync(ledger, id, force, ct, idempotencyKey);

    public Task<LedgerResult<bool>> SetTransactionMetadataAsync(string ledger, long id, IReadOnlyDictionary<string, string> metadata, CancellationToken ct) =>
        embedded.SetTransactionMetadataAsync(ledger, id, metadata, ct);

    public Task<LedgerResult<bool>> DeleteTransactionMetadataAsync(string ledger, long id, string key, CancellationToken ct) =>
        embedded.DeleteTransactionMetadataAsync(ledger, id, key, ct);

    public Task<LedgerResult<LedgerAccount>> GetAccountAsync(string ledger, string address, DateTimeOffset? pointInTime, bool withVolumes, CancellationToken ct) =>
        embedded.GetAccountAsync(ledger, address, pointInTime, withVolumes, ct);

    public Task<LedgerResult<LedgerPage<LedgerAccount>>> ListAccountsAsync(string ledger, LedgerQuery query, bool withVolumes, CancellationToken ct) =>
        embedded.ListAccountsAsync(ledger, query, withVolumes, ct);

    public Task<LedgerResult<bool>> SetAccountMetadataAsync(string ledger, string address, IReadOnlyDictionary<string, string> metadata, CancellationToken ct) =>
        embedded.SetAccountMetadataAsync(ledger, address, metadata, ct);

    public Task<LedgerResult<bool>> DeleteAccountMetadataAsync(string ledger, string address, string key, CancellationToken ct) =>
        embedded.DeleteAccountMetadataAsync(ledger, address, key, ct);

    public Task<LedgerResult<IReadOnlyDictionary<string, BigInteger>>> AggregateBalancesAsync(string ledger, LedgerQuery query, DateTimeOffset? pointInTime, CancellationToken ct) =>
        embedded.AggregateBalancesAsync(ledger, query, pointInTime, ct);

    public ILedger Port(string ledger) => new EmbeddedLedgerPort(embedded, Options.Create(new LedgerOptions { Name = ledger }));
}
