using Microsoft.Extensions.Options;

namespace WalletFlow.Adapters.Ledger.Formance;

/// <summary>The ledger port on a Formance Ledger v2 server, on ledger <c>Ledger:Name</c>.</summary>
public sealed class FormanceLedger(FormanceLedgerClient client, IOptions<LedgerOptions> options) : LedgerPort
{
    private readonly string _name = options.Value.Name;

    protected override Task<LedgerResult<LedgerTransaction>> CreateTransactionAsync(CreateTransaction request, string idempotencyKey, CancellationToken ct) =>
        client.CreateTransactionAsync(_name, request, idempotencyKey, ct);

    protected override Task<LedgerResult<LedgerTransaction>> RevertTransactionAsync(long id, string idempotencyKey, CancellationToken ct) =>
        client.RevertTransactionAsync(_name, id, force: false, idempotencyKey, ct);

    protected override Task<LedgerResult<LedgerPage<LedgerTransaction>>> ListTransactionsAsync(LedgerQuery query, CancellationToken ct) =>
        client.ListTransactionsAsync(_name, query, ct);

    protected override Task<LedgerResult<LedgerAccount>> GetAccountAsync(string address, CancellationToken ct) =>
        client.GetAccountAsync(_name, address, pointInTime: null, withVolumes: true, ct);

    protected override Task<LedgerResult<LedgerPage<LedgerAccount>>> ListAccountsAsync(LedgerQuery query, CancellationToken ct) =>
        client.ListAccountsAsync(_name, query, withVolumes: true, ct);

    protected override Task<LedgerResult<LedgerPage<LedgerAccount>>> ListAccountsAsync(LedgerQuery query, DateTimeOffset pointInTime, CancellationToken ct) =>
        client.ListAccountsAsync(_name, query, pointInTime, ct);
}
