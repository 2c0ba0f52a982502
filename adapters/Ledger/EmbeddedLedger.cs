using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using WalletFlow.Core.Movements;

namespace WalletFlow.Adapters.Ledger;

/// <summary>
/// The write side of the embedded ledger: every write is one PostgreSQL transaction that locks the
/// volumes it touches in a fixed order (address, asset — so no two writers deadlock), checks funds,
/// takes ids from the ledger's sequences and inserts the transaction, postings, moves, volumes and
/// the (unhashed) log entry together. Nothing is written on a refusal. Plain postings from concurrent
/// callers share transactions (group commit, EmbeddedLedger.GroupCommit.cs).
/// </summary>
public sealed partial class EmbeddedLedger(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const string NewTransactionLog = "NEW_TRANSACTION";
    public const string RevertedTransactionLog = "REVERTED_TRANSACTION";
    public const string SetMetadataLog = "SET_METADATA";
    public const string DeleteMetadataLog = "DELETE_METADATA";

    private readonly LogSealer _sealer = new(dataSource);

    public async Task<LedgerResult<LedgerInfo>> CreateLedgerAsync(string name, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct)
    {
        if (!LedgerSyntax.IsLedgerName(name))
            return LedgerError.Validation($"invalid ledger name '{name}': 1 to 63 letters, digits, '_' or '-'");
        if (UnstorableMetadata(metadata) is { } unstorable)
            return unstorable;
        var addedAt = LogChain.ToMicroseconds(time.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand(
            "INSERT INTO ledger.ledgers (name, metadata, added_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING number", connection);
        command.Parameters.AddWithValue(name);
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(metadata ?? Empty, LedgerJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.AddWithValue(addedAt);
        if (await command.ExecuteScalarAsync(ct) is not long number)
            return new LedgerError(LedgerErrorCodes.LedgerAlreadyExists, $"ledger {name} already exists");
        // Per-ledger id sequences, named by the ledger's number (a name may not fit an identifier),
        // made by the schema's owner: the service may not create objects (ledger.create_id_sequences).
        await using var sequences = new NpgsqlCommand("SELECT ledger.create_id_sequences($1)", connection);
        sequences.Parameters.AddWithValue(number);
        await sequences.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return LedgerResult<LedgerInfo>.Ok(new LedgerInfo(name, "_default", metadata ?? Empty, addedAt));
    }

    /// <summary>
    /// Creates a transaction. With an idempotency key, a replay of the same request answers the
    /// original transaction and writes nothing; the same key with another request is CONFLICT.
    /// A dry run makes every check and computes the result, then rolls back: nothing is kept.
    /// </summary>
    public async Task<LedgerResult<LedgerTransaction>> CreateTransactionAsync(
        string ledger, CreateTransaction request, string? idempotencyKey, CancellationToken ct, bool dryRun = false)
    {
        if (Validate(request) is { } invalid)
            return invalid;
        // Only an idempotency key needs the canonical request's hash (its claim stores it).
        var requestHash = idempotencyKey is null ? null : RequestHash("create", request);
        // Plain postings need nothing from the client between locking and writing: they go in groups
        // with other callers' (EmbeddedLedger.GroupCommit.cs). A script runs where movements run
        // theirs (EmbeddedLedger.Staged.cs), here as a group of one; a dry run of plain postings takes
        // the single write, rolled back.
        if (request.Script is null && !dryRun)
            return await WritePostingsAsync(ledger, request, idempotencyKey, requestHash, ct);
        // Plain postings lock in one order and cannot deadlock; a script that discovers accounts
        // through meta() locks them later, out of order, and PostgreSQL may pick it as a deadlock
        // victim. Its transaction rolled back whole, so running it again is safe.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return request.Script is null
                    ? await DryRunPostingsAsync(ledger, request, idempotencyKey, requestHash, ct)
                    : await WriteScriptAsync(ledger, request, idempotencyKey, dryRun, ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
            }
        }
    }

    private async Task<LedgerResult<LedgerTransaction>> WriteScriptAsync(
        string ledger, CreateTransaction request, string? idempotencyKey, bool dryRun, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var staged = await StageScriptsAsync(connection, ledger, [new StagedScript(request, idempotencyKey)], ct);
        if (!staged.Writes || dryRun)
            return staged.Answers[0]; // a refusal, a replay or a dry run: disposing the transaction rolls back
        await using var batch = new NpgsqlBatch(connection);
        staged.AddTo(batch);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await batch.ExecuteNonQueryAsync(ct);
        return staged.Answers[0];
    }

    private async Task<LedgerResult<LedgerTransaction>> DryRunPostingsAsync(
        string ledger, CreateTransaction request, string? idempotencyKey, byte[]? requestHash, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await ClaimIdempotencyKeyAsync(connection, ledger, idempotencyKey, requestHash, ct) is { } replay)
            return replay.Succeeded ? await ReplayAsync(connection, ledger, replay.Value, ct) : replay.Error;
        if (!await LedgerExistsAsync(connection, ledger, ct))
            return LedgerError.LedgerNotFound(ledger);
        if (request.Reference is { } reference && await ReferenceTakenAsync(connection, ledger, reference, ct))
            return LedgerError.Conflict($"a transaction with reference '{reference}' already exists");
        // Every check of a real write, then the transaction is disposed: rolled back, nothing kept.
        return await CommitAsync(connection, ledger, request.Postings!, request.Metadata ?? Empty, request.Reference,
            request.Timestamp, checkFunds: !request.Force, NoAccountMetadata, idempotencyKey: null, requestHash: null,
            NewTransactionLog, reverted: null, commitInBatch: false, ct);
    }

    /// <summary>
    /// Writes the reversing transaction of <paramref name="id"/> (postings swapped, in reverse order).
    /// Refused as INSUFFICIENT_FUND when it would overdraw an account, unless forced. With an
    /// idempotency key, a replay answers the original reverting transaction, as Formance does.
    /// </summary>
    public async Task<LedgerResult<LedgerTransaction>> RevertTransactionAsync(string ledger, long id, bool force, CancellationToken ct, string? idempotencyKey = null)
    {
        var requestHash = SHA256.HashData(Encoding.UTF8.GetBytes($"revert\n{id}\n{force}"));
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await ClaimIdempotencyKeyAsync(connection, ledger, idempotencyKey, requestHash, ct) is { } replay)
            return replay.Succeeded ? await ReplayAsync(connection, ledger, replay.Value, ct) : replay.Error;
        if (!await LedgerExistsAsync(connection, ledger, ct))
            return LedgerError.LedgerNotFound(ledger);

        await using (var lockRow = new NpgsqlCommand(
            "SELECT reverted_at IS NOT NULL FROM ledger.transactions WHERE ledger = $1 AND id = $2 FOR UPDATE", connection))
        {
            lockRow.Parameters.AddWithValue(ledger);
            lockRow.Parameters.AddWithValue(id);
            switch (await lockRow.ExecuteScalarAsync(ct))
            {
                case null: return LedgerError.NotFound($"transaction {id} not found");
                case true: return new LedgerError(LedgerErrorCodes.AlreadyRevert, $"transaction {id} was already reverted");
            }
        }

        var original = (await LedgerReads.TransactionAsync(connection, ledger, id, withVolumes: false, ct))!; // locked above
        var reversed = original.Postings.Reverse().Select(p => p with { Source = p.Destination, Destination = p.Source }).ToList();
        var result = await CommitAsync(connection, ledger, reversed, Empty, reference: null, timestamp: null, checkFunds: !force,
            NoAccountMetadata, idempotencyKey, requestHash, RevertedTransactionLog, reverted: original, commitInBatch: false, ct);
        if (!result.Succeeded)
            return result;

        await using (var mark = new NpgsqlCommand(
            "UPDATE ledger.transactions SET reverted_at = $3, reverted_by = $4 WHERE ledger = $1 AND id = $2", connection))
        {
            mark.Parameters.AddWithValue(ledger);
            mark.Parameters.AddWithValue(id);
            mark.Parameters.AddWithValue(result.Value.InsertedAt);
            mark.Parameters.AddWithValue(result.Value.Id);
            await mark.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return result;
    }

    private static LedgerError? Validate(CreateTransaction request)
    {
        if (request.Postings is { Count: > 0 } && request.Script is not null)
            return LedgerError.Validation("send either postings or a script, not both");
        if (request.Script is null && request.Postings is not { Count: > 0 })
            return new LedgerError(LedgerErrorCodes.NoPostings, "a transaction needs at least one posting or a script");
        // JSON nulls bind to the non-nullable fields: a null posting, address, asset or script text
        // threw further on into a 500 (found by the fuzzer).
        if (request.Script is { Plain: null })
            return LedgerError.Validation("script.plain: the script's text is required");
        if (request.Reference is { Length: 0 })
            return LedgerError.Validation("reference must not be empty when given");
        if (request.Reference is { } reference && StorableText.Problem(reference) is { } badReference)
            return LedgerError.Validation($"reference: {badReference}");
        foreach (var (posting, index) in (request.Postings ?? []).Select((p, i) => (p, i)))
        {
            if (posting is null || posting.Source is null || posting.Destination is null || posting.Asset is null)
                return LedgerError.Validation($"postings[{index}]: a posting is an object with source, destination, amount and asset");
            // The syntax's '$' also matches before a final newline: control characters are refused apart.
            if (!LedgerSyntax.IsAddress(posting.Source) || StorableText.Problem(posting.Source) is not null)
                return LedgerError.Validation($"postings[{index}].source: invalid account address '{Printable(posting.Source)}'");
            if (!LedgerSyntax.IsAddress(posting.Destination) || StorableText.Problem(posting.Destination) is not null)
                return LedgerError.Validation($"postings[{index}].destination: invalid account address '{Printable(posting.Destination)}'");
            if (!LedgerSyntax.IsAsset(posting.Asset) || StorableText.Problem(posting.Asset) is not null)
                return LedgerError.Validation($"postings[{index}].asset: invalid asset '{Printable(posting.Asset)}'");
            if (posting.Amount.Sign < 0)
                return LedgerError.Validation($"postings[{index}].amount: must not be negative ({posting.Amount})");
            if (posting.Amount >= AmountLimit)
                return LedgerError.Validation($"postings[{index}].amount: must be less than 10^78, the largest amount the ledger stores ({posting.Amount})");
        }
        foreach (var (key, value) in request.Metadata ?? Empty)
        {
            if (string.IsNullOrEmpty(key))
                return LedgerError.Validation("metadata keys must not be empty");
            if (StorableText.Problem(key) is { } badKey)
                return LedgerError.Validation($"metadata['{Printable(key)}']: the key {badKey}");
            if (value is not null && StorableText.Problem(value) is { } badValue)
                return LedgerError.Validation($"metadata['{key}']: {badValue}");
        }
        foreach (var (name, value) in request.Script?.Vars ?? Empty)
        {
            if (StorableText.Problem(name) is { } badName)
                return LedgerError.Validation($"script.vars['{Printable(name)}']: the name {badName}");
            if (value is not null && StorableText.Problem(value) is { } badValue)
                return LedgerError.Validation($"script.vars['{name}']: {badValue}");
        }
        return null;

        // The text with its control characters escaped, fit to quote in a message.
        static string Printable(string text) => string.Concat(text.Select(c =>
            c < 0x20 || c == 0x7F || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));
    }

    // Amounts and volumes are numeric(78,0) columns: PostgreSQL would refuse a larger amount only at
    // the write, and a refused write aborts every request of its group.
    private static readonly System.Numerics.BigInteger AmountLimit = System.Numerics.BigInteger.Pow(10, 78);

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> NoAccountMetadata =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    // The canonical request: its JSON with amounts as integers. Same request, same bytes, same hash.
    private static byte[] RequestHash(string operation, CreateTransaction request) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + JsonSerializer.Serialize(request with
        {
            Metadata = request.Metadata is null ? null : new SortedDictionary<string, string>(request.Metadata.ToDictionary(), StringComparer.Ordinal),
            Script = request.Script is null ? null : request.Script with
            {
                Vars = request.Script.Vars is null ? null : new SortedDictionary<string, string>(request.Script.Vars.ToDictionary(), StringComparer.Ordinal),
            },
        }, LedgerJson.Options)));
}
