using Microsoft.Extensions.Options;

namespace WalletFlow.Adapters.Ledger;

/// <summary>
/// The ledger port on the embedded ledger, in-process, on ledger <c>Ledger:Name</c>, which it creates
/// on first use when missing.
/// </summary>
public sealed class EmbeddedLedgerPort(EmbeddedLedger ledger, IOptions<LedgerOptions> options) : LedgerPort
{
    private readonly string _name = options.Value.Name;
    private volatile bool _exists;

    public string LedgerName => _name;

    protected override async Task<LedgerResult<LedgerTransaction>> CreateTransactionAsync(CreateTransaction request, string idempotencyKey, CancellationToken ct)
    {
        await EnsureLedgerAsync(ct);
        return await ledger.CreateTransactionAsync(_name, request, idempotencyKey, ct);
    }

    protected override async Task<LedgerResult<LedgerTransaction>> RevertTransactionAsync(long id, string idempotencyKey, CancellationToken ct)
    {
        await EnsureLedgerAsync(ct);
        return await ledger.RevertTransactionAsync(_name, id, force: false, ct, idempotencyKey);
    }

    protected override async Task<LedgerResult<LedgerPage<LedgerTransaction>>> ListTransactionsAsync(LedgerQuery query, CancellationToken ct)
    {
        await EnsureLedgerAsync(ct);
        return await ledger.ListTransactionsAsync(_name, query, ct);
    }

    protected override async Task<LedgerResult<LedgerAccount>> GetAccountAsync(string address, CancellationToken ct)
    {
        await EnsureLedgerAsync(ct);
        return await ledger.GetAccountAsync(_name, address, pointInTime: null, withVolumes: true, ct);
    }

    protected override async Task<LedgerResult<LedgerPage<LedgerAccount>>> ListAccountsAsync(LedgerQuery query, CancellationToken ct)
    {
        await EnsureLedgerAsync(ct);
        return await ledger.ListAccountsAsync(_name, query, withVolumes: true, ct);
    }

    protected override async Task<LedgerResult<LedgerPage<LedgerAccount>>> ListAccountsAsync(LedgerQuery query, DateTimeOffset pointInTime, CancellationToken ct)
    {
        await EnsureLedgerAsync(ct);
        return await ledger.ListAccountsAsync(_name, query, pointInTime, ct);
    }

    /// <summary>Creates the ledger when missing; once it is known to exist, costs nothing.</summary>
    public async Task EnsureLedgerAsync(CancellationToken ct)
    {
        if (_exists)
            return;
        // Racing first calls both try; the losers see LEDGER_ALREADY_EXISTS, which is as good.
        var created = await ledger.CreateLedgerAsync(_name, metadata: null, ct);
        if (!created.Succeeded && created.Error.Code != LedgerErrorCodes.LedgerAlreadyExists)
            throw new LedgerFailureException(created.Error);
        _exists = true;
    }
}
