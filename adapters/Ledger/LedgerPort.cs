using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using CorePosting = WalletFlow.Core.Ports.Posting;
using CoreTransaction = WalletFlow.Core.Ports.LedgerTransaction;

namespace WalletFlow.Adapters.Ledger;

/// <summary>
/// The ledger port on any Formance-shaped ledger: the request and result mapping lives here once, so
/// <see cref="EmbeddedLedgerPort"/> and <see cref="Formance.FormanceLedger"/> answer the same way;
/// each supplies only the four Formance operations below.
/// </summary>
public abstract partial class LedgerPort : ILedger
{
    // Formance's largest page: a full listing (gates, trial balance) takes the fewest round trips.
    private const int ListPageSize = LedgerQuery.MaxPageSize;

    protected abstract Task<LedgerResult<LedgerTransaction>> CreateTransactionAsync(CreateTransaction request, string idempotencyKey, CancellationToken ct);

    protected abstract Task<LedgerResult<LedgerPage<LedgerTransaction>>> ListTransactionsAsync(LedgerQuery query, CancellationToken ct);

    protected abstract Task<LedgerResult<LedgerAccount>> GetAccountAsync(string address, CancellationToken ct);

    protected abstract Task<LedgerResult<LedgerPage<LedgerAccount>>> ListAccountsAsync(LedgerQuery query, CancellationToken ct);

    /// <summary>Accounts with their volumes as of <paramref name="pointInTime"/> (Formance's <c>pit</c>).</summary>
    protected abstract Task<LedgerResult<LedgerPage<LedgerAccount>>> ListAccountsAsync(LedgerQuery query, DateTimeOffset pointInTime, CancellationToken ct);

    /// <summary>Formance's revert (never forced), with an idempotency key.</summary>
    protected abstract Task<LedgerResult<LedgerTransaction>> RevertTransactionAsync(long id, string idempotencyKey, CancellationToken ct);

    public async Task<Result<CoreTransaction>> RevertAsync(long id, string idempotencyKey, CancellationToken cancellationToken)
    {
        var result = await RevertTransactionAsync(id, idempotencyKey, cancellationToken);
        if (result.Succeeded)
            return ToCore(result.Value);
        return result.Error.Code switch
        {
            LedgerErrorCodes.AlreadyRevert => new StateConflict($"Ledger transaction {id} was already reversed."),
            LedgerErrorCodes.NotFound => new NotFound("ledger transaction", id.ToString(CultureInfo.InvariantCulture)),
            _ => ToRejection(result.Error),
        };
    }

    public async Task<Result<CoreTransaction>> PostAsync(LedgerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await CreateTransactionAsync(ToCreateTransaction(request), request.IdempotencyKey, cancellationToken);
        return result.Succeeded ? ToCore(result.Value) : ToRejection(result.Error);
    }

    /// <summary>A port request in Formance's terms: its filled template as the script, with its reference and metadata.</summary>
    public static CreateTransaction ToCreateTransaction(LedgerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CreateTransaction(
            Postings: null,
            Script: new TransactionScript(request.Script.Plain, request.Script.Vars),
            Reference: request.Reference,
            Metadata: request.Metadata);
    }

    public async Task<CoreTransaction?> FindByReferenceAsync(string reference, CancellationToken cancellationToken)
    {
        var filter = JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["$match"] = new Dictionary<string, string> { ["reference"] = reference } });
        var page = await ListTransactionsAsync(new LedgerQuery(1, filter), cancellationToken);
        if (!page.Succeeded)
            throw new LedgerFailureException(page.Error);
        return page.Value.Data.Count == 0 ? null : ToCore(page.Value.Data[0]);
    }

    public async Task<IReadOnlyList<AccountBalance>> GetBalancesAsync(AccountAddress account, CancellationToken cancellationToken)
    {
        var result = await GetAccountAsync(account.Value, cancellationToken);
        if (!result.Succeeded)
            throw new LedgerFailureException(result.Error);
        return Balances(result.Value).ToList();
    }

    /// <summary>
    /// Pages through the accounts under <paramref name="addressPrefix"/>, by whole segments (Formance's
    /// address filters): "wallets" and "wallets:" both mean every address under wallets, and wallets itself.
    /// </summary>
    public IAsyncEnumerable<AccountBalance> ListBalancesAsync(string addressPrefix, CancellationToken cancellationToken) =>
        ListBalancesAsync(addressPrefix, pointInTime: null, cancellationToken);

    public IAsyncEnumerable<AccountBalance> ListBalancesAsync(string addressPrefix, DateTimeOffset pointInTime, CancellationToken cancellationToken) =>
        ListBalancesAsync(addressPrefix, (DateTimeOffset?)pointInTime, cancellationToken);

    public async Task<CoreTransaction?> FindTransactionAsync(long id, CancellationToken cancellationToken)
    {
        var filter = JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["$match"] = new Dictionary<string, long> { ["id"] = id } });
        var page = await ListTransactionsAsync(new LedgerQuery(1, filter), cancellationToken);
        if (!page.Succeeded)
            throw new LedgerFailureException(page.Error);
        return page.Value.Data.Count == 0 ? null : ToCore(page.Value.Data[0]);
    }

    private async IAsyncEnumerable<AccountBalance> ListBalancesAsync(string addressPrefix, DateTimeOffset? pointInTime, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addressPrefix);
        var prefix = addressPrefix.TrimEnd(':');
        JsonElement? filter = prefix.Length == 0 ? null : JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["$or"] = new object[]
            {
                new Dictionary<string, object> { ["$match"] = new Dictionary<string, string> { ["address"] = prefix } },
                new Dictionary<string, object> { ["$match"] = new Dictionary<string, string> { ["address"] = prefix + ":" } },
            },
        });
        var query = new LedgerQuery(ListPageSize, filter);
        while (true)
        {
            var page = pointInTime is { } pit
                ? await ListAccountsAsync(query, pit, cancellationToken)
                : await ListAccountsAsync(query, cancellationToken);
            if (!page.Succeeded)
                throw new LedgerFailureException(page.Error);
            foreach (var account in page.Value.Data)
                foreach (var balance in Balances(account))
                    yield return balance;
            if (!page.Value.HasMore || page.Value.Next is null)
                yield break;
            query = new LedgerQuery(ListPageSize, Cursor: page.Value.Next);
        }
    }

    /// <summary>
    /// Transactions with a posting on an account under <paramref name="addressPrefix"/>, newest first
    /// (both ledgers list by id, descending); paged by id, not by the ledger's cursor, so the filter
    /// is always the one built here.
    /// </summary>
    public async Task<LedgerTransactionPage> ListTransactionsAsync(string addressPrefix, int pageSize, long? beforeId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(addressPrefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, LedgerQuery.MaxPageSize);
        var touching = new Dictionary<string, object> { ["$match"] = new Dictionary<string, string> { ["account"] = addressPrefix.TrimEnd(':') + ":" } };
        var filter = JsonSerializer.SerializeToElement(beforeId is { } before
            ? new Dictionary<string, object> { ["$and"] = new object[] { touching, new Dictionary<string, object> { ["$lt"] = new Dictionary<string, long> { ["id"] = before } } } }
            : touching);
        return await PageAsync(new LedgerQuery(pageSize, filter), cancellationToken);
    }

    /// <summary>
    /// Transactions carrying a metadata key, newest first, in an id window: Formance's <c>$exists</c>
    /// on metadata and <c>$gt</c>/<c>$lt</c> on the id, which both ledgers answer. Paged by id, not by
    /// the ledger's cursor, as <see cref="ListTransactionsAsync(string, int, long?, CancellationToken)"/> is.
    /// </summary>
    public async Task<LedgerTransactionPage> ListTransactionsWithMetadataAsync(
        string metadataKey, long? afterId, long? beforeId, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(metadataKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, LedgerQuery.MaxPageSize);
        var conditions = new List<object> { new Dictionary<string, object> { ["$exists"] = new Dictionary<string, string> { ["metadata"] = metadataKey } } };
        if (afterId is { } after)
            conditions.Add(new Dictionary<string, object> { ["$gt"] = new Dictionary<string, long> { ["id"] = after } });
        if (beforeId is { } before)
            conditions.Add(new Dictionary<string, object> { ["$lt"] = new Dictionary<string, long> { ["id"] = before } });
        var filter = JsonSerializer.SerializeToElement(conditions.Count == 1 ? conditions[0] : new Dictionary<string, object> { ["$and"] = conditions });
        return await PageAsync(new LedgerQuery(pageSize, filter), cancellationToken);
    }

    // One page of a listing whose filter was built here, in the port's terms; a ledger error is a failure.
    private async Task<LedgerTransactionPage> PageAsync(LedgerQuery query, CancellationToken cancellationToken)
    {
        var page = await ListTransactionsAsync(query, cancellationToken);
        if (!page.Succeeded)
            throw new LedgerFailureException(page.Error);
        return new LedgerTransactionPage(page.Value.Data.Select(ToCore).ToList(), page.Value.HasMore);
    }

    private static IEnumerable<AccountBalance> Balances(LedgerAccount account) =>
        (account.Volumes ?? new Dictionary<string, Volumes>())
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new AccountBalance(new AccountAddress(account.Address), kv.Key, kv.Value.Balance));

    public static CoreTransaction ToCore(LedgerTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new CoreTransaction(transaction.Id, transaction.Timestamp, transaction.Reference,
            transaction.Postings.Select(p => new CorePosting(new AccountAddress(p.Source), new AccountAddress(p.Destination), p.Amount, p.Asset)).ToList(),
            transaction.Metadata);
    }

    /// <summary>
    /// A Formance refusal as a port rejection: INSUFFICIENT_FUND is <see cref="InsufficientFunds"/>,
    /// the error's own <see cref="LedgerError.Shortfall"/> when the refusal was made in this process
    /// (the embedded ledger), else read from the message: Formance's wording, or the embedded ledger's
    /// as its HTTP API answers it. Every other code is a <see cref="LedgerRejection"/> carrying it.
    /// </summary>
    public static Rejection ToRejection(LedgerError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Code == LedgerErrorCodes.Conflict)
            return new LedgerConflict(error.Message);
        if (error.Code != LedgerErrorCodes.InsufficientFund)
            return new LedgerRejection(error.Code, error.Message);
        if (error.Shortfall is { } shortfall)
            return shortfall;
        foreach (var pattern in new[] { PostingsShortfall(), ScriptShortfall(), FormanceShortfall() })
        {
            if (pattern.Match(error.Message) is { Success: true } m)
                return new InsufficientFunds(
                    m.Groups["account"].Success ? m.Groups["account"].Value : AnyAccount().Match(error.Message) is { Success: true } a ? a.Groups[1].Value : "",
                    m.Groups["asset"].Value, Integer(m.Groups["needed"].Value), Integer(m.Groups["available"].Value));
        }
        var account = AnyAccount().Match(error.Message);
        return new InsufficientFunds(account.Success ? account.Groups[1].Value : "", "", BigInteger.Zero, BigInteger.Zero);
    }

    private static BigInteger Integer(string text) => BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    // The embedded ledger's plain postings, as its HTTP API answers them (in-process, the error carries
    // the shortfall itself).
    // [0-9], not \d, here and below: the text may come from another process, and \d also matches
    // digits BigInteger.Parse refuses ("١٠٠"), which turned a refusal into an exception.
    [GeneratedRegex(@"account '(?<account>[^']+)' has insufficient funds of (?<asset>\S+): needed (?<needed>[0-9]+), available (?<available>-?[0-9]+)")]
    private static partial Regex PostingsShortfall();

    // The embedded ledger's scripts (the Numscript MissingFunds error), as its HTTP API answers them.
    [GeneratedRegex(@"needed (?<asset>\S+) (?<needed>[0-9]+), available \S+ (?<available>-?[0-9]+)(?: \(last drawn from @(?<account>[A-Za-z0-9_:-]+)\))?")]
    private static partial Regex ScriptShortfall();

    // Formance's Numscript interpreter: "Not enough funds. Needed [USD/2 100] (only [USD/2 50] available)".
    [GeneratedRegex(@"Needed \[(?<asset>\S+) (?<needed>[0-9]+)\] \(only \[\S+ (?<available>-?[0-9]+)\] available\)")]
    private static partial Regex FormanceShortfall();

    [GeneratedRegex(@"(?:@|account ')([A-Za-z0-9_-]+(?::[A-Za-z0-9_-]+)*)")]
    private static partial Regex AnyAccount();
}

/// <summary>A ledger refusal other than insufficient funds (CONFLICT, VALIDATION, COMPILATION_FAILED, ...): <see cref="LedgerCode"/> is Formance's code.</summary>
public sealed record LedgerRejection(string LedgerCode, string Detail)
    : Rejection("ledger_" + LedgerCode.ToLowerInvariant(), $"The ledger refused the transaction ({LedgerCode}): {Detail}");

/// <summary>A read the port needs failed with a ledger error: not an expected outcome of a read, so an exception.</summary>
public sealed class LedgerFailureException : Exception
{
    public LedgerFailureException()
    {
    }

    public LedgerFailureException(string message) : base(message)
    {
    }

    public LedgerFailureException(string message, Exception inner) : base(message, inner)
    {
    }

    public LedgerFailureException(LedgerError error) : base($"{error?.Code}: {error?.Message}") => Error = error;

    public LedgerError? Error { get; }
}
