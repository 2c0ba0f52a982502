using System.Numerics;
using System.Text.Json;
using Npgsql;
using WalletFlow.Numscript;

namespace WalletFlow.Adapters.Ledger;

public sealed partial class EmbeddedLedger
{
    // A balance no template can exceed: what a discovery run reads for every account, so it runs to
    // the end and names every account its postings touch.
    private static readonly BigInteger Plenty = BigInteger.Pow(10, 60);

    /// <summary>
    /// Runs several scripts in the caller's transaction, one after the other as if each had been sent
    /// alone, and stages their rows: each answers its transaction, the original one when its key was
    /// used with the same request (a replay), or its own refusal (funds, key used by another request,
    /// reference taken, a script error); a replayed or refused one stages nothing. Round trips: one to lock and
    /// read every volume the scripts touch (in the one lock order), one for the ids of those written;
    /// <see cref="StagedScripts.AddTo"/> then adds the rows to the caller's last batch, which commits.
    /// The interpreter runs between the two, on the locked balances, each script seeing the earlier
    /// ones' postings.
    /// </summary>
    public async Task<StagedScripts> StageScriptsAsync(
        NpgsqlConnection connection, string ledger, IReadOnlyList<StagedScript> writes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var answers = new LedgerResult<LedgerTransaction>[writes.Count];
        var parsed = new ParsedScript?[writes.Count];
        var touched = new HashSet<(string, string)>();
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            if (Validate(write.Request) is { } invalid)
            {
                answers[i] = invalid;
                continue;
            }
            var script = Scripts.GetOrParse(write.Script.Plain);
            if (!script.IsValid)
            {
                answers[i] = new LedgerError(LedgerErrorCodes.CompilationFailed, string.Join("; ", script.Diagnostics.Select(d => d.ToString())));
                continue;
            }
            parsed[i] = script;
            Discover(script, write.Script.Vars ?? Empty, touched);
        }

        var live = Enumerable.Range(0, writes.Count).Where(i => parsed[i] is not null).ToList();
        var (number, taken) = await LockForStagingAsync(connection, ledger, writes, live, touched, ct);
        if (number is null)
            return new StagedScripts(writes.Select(_ => (LedgerResult<LedgerTransaction>)LedgerError.LedgerNotFound(ledger)).ToArray(), [], [], ledger);

        var store = new LoadedAccountStore();
        var volumes = new Dictionary<(string, string), Volumes>();
        foreach (var ((account, asset), v) in taken.Volumes)
        {
            volumes[(account, asset)] = v;
            store.SetBalance(account, asset, v.Balance);
        }
        var outcomes = new (ScriptOutcome Outcome, Dictionary<(string, string), Volumes> Pre)?[writes.Count];
        var locked = new HashSet<(string, string)>(volumes.Keys);
        var hashes = new byte[writes.Count][];
        foreach (var i in live)
        {
            hashes[i] = RequestHash("create", writes[i].Request);
            if (writes[i].IdempotencyKey is { } key && taken.Keys.TryGetValue(key, out var claim))
            {
                answers[i] = claim.Hash.AsSpan().SequenceEqual(hashes[i])
                    ? await ReplayAsync(connection, ledger, claim.TxId, ct)
                    : LedgerError.Conflict($"idempotency key '{key}' was already used with a different request");
                continue;
            }
            if (writes[i].Request.Reference is { } reference && taken.References.Contains(reference))
            {
                answers[i] = LedgerError.Conflict($"a transaction with reference '{reference}' already exists");
                continue;
            }
            var run = await RunStagedAsync(connection, ledger, parsed[i]!, writes[i], store, volumes, locked, ct);
            if (!run.Succeeded)
            {
                answers[i] = run.Error;
                continue;
            }
            var pre = new Dictionary<(string, string), Volumes>();
            foreach (var posting in run.Value.Postings)
            {
                var (source, destination) = ((posting.Source, posting.Asset), (posting.Destination, posting.Asset));
                pre.TryAdd(source, volumes[source]);
                pre.TryAdd(destination, volumes[destination]);
                volumes[source] = volumes[source] with { Output = volumes[source].Output + posting.Amount };
                volumes[destination] = volumes[destination] with { Input = volumes[destination].Input + posting.Amount };
                store.SetBalance(posting.Source, posting.Asset, volumes[source].Balance);
                store.SetBalance(posting.Destination, posting.Asset, volumes[destination].Balance);
            }
            outcomes[i] = (run.Value, pre);
        }

        var written = Enumerable.Range(0, writes.Count).Where(i => outcomes[i] is not null).ToList();
        var ids = await TakeIdsAsync(connection, number.Value, written.Count, ct);
        var insertedAt = LogChain.ToMicroseconds(time.GetUtcNow());
        var rows = new List<StagedRow>();
        for (var n = 0; n < written.Count; n++)
        {
            var i = written[n];
            var (outcome, pre) = outcomes[i]!.Value;
            var at = writes[i].Request.Timestamp is { } timestamp ? LogChain.ToMicroseconds(timestamp) : insertedAt;
            var transaction = new LedgerTransaction(ids[n].TxId, at, insertedAt, outcome.Postings, writes[i].Request.Reference,
                outcome.TransactionMetadata, Reverted: false, RevertedAt: null);
            var logData = JsonSerializer.Serialize(new { transaction, accountMetadata = outcome.AccountMetadata }, LedgerJson.Options);
            rows.Add(new StagedRow(transaction, ids[n].LogId, logData, writes[i].IdempotencyKey, hashes[i], outcome.AccountMetadata));
            answers[i] = LedgerResult<LedgerTransaction>.Ok(transaction with
            {
                PreCommitVolumes = ByAccount(pre),
                PostCommitVolumes = ByAccount(pre.Keys.ToDictionary(k => k, k => volumes[k])),
            });
        }
        var dirty = rows.SelectMany(r => r.Transaction.Postings.SelectMany(p => new[] { (p.Source, p.Asset), (p.Destination, p.Asset) }))
            .Distinct().Select(k => (k.Item1, k.Item2, volumes[k])).ToList();
        return new StagedScripts(answers, rows, dirty, ledger);
    }

    // A run against plenty of everything: what it reads and what its postings touch are what the real
    // run will most likely lock. A guess only: the real run loads whatever it finds missing.
    private static void Discover(ParsedScript script, IReadOnlyDictionary<string, string> vars, HashSet<(string, string)> touched)
    {
        var plenty = new PlentifulStore(touched);
        var result = NumscriptInterpreter.Run(script, vars, plenty);
        foreach (var posting in result.Postings)
        {
            touched.Add((posting.Source, posting.Asset));
            touched.Add((posting.Destination, posting.Asset));
        }
    }

    // One script on the staged balances: loads (and locks) what it reads that is not yet loaded and
    // runs again, until it read only loaded values; then makes sure every account its postings touch
    // is locked and loaded too (a credited account is not read).
    private static async Task<LedgerResult<ScriptOutcome>> RunStagedAsync(
        NpgsqlConnection connection, string ledger, ParsedScript script, StagedScript write, LoadedAccountStore store,
        Dictionary<(string, string), Volumes> volumes, HashSet<(string, string)> locked, CancellationToken ct)
    {
        var vars = write.Script.Vars ?? Empty;
        NumscriptResult result;
        for (var round = 0; ; round++)
        {
            store.ForgetMissing();
            result = NumscriptInterpreter.Run(script, vars, store);
            if (store.IsComplete)
                break;
            if (round == 8)
                return new LedgerError(LedgerErrorCodes.InterpreterRuntime, "the script's reads did not settle after 8 rounds of loading");
            var missing = store.Missing;
            await LockMoreAsync(connection, ledger, missing.Balances, store, volumes, locked, ct);
            await LoadFamiliesAndMetadataAsync(connection, ledger, store, ct);
        }
        if (result.Error is { } error)
            return RuntimeError(error);
        if (result.Postings.Count == 0)
            return new LedgerError(LedgerErrorCodes.NoPostings, "numscript execution returned no postings");
        foreach (var (key, value) in result.TransactionMetadata)
        {
            if (write.Metadata.TryGetValue(key, out var given) && given != value)
                return new LedgerError(LedgerErrorCodes.MetadataOverride, $"metadata '{key}' is set by both the request and the script");
        }
        if ((UnstorableMetadata(result.TransactionMetadata) ?? result.AccountMetadata.Values.Select(UnstorableMetadata).FirstOrDefault(e => e is not null)) is { } unstorable)
            return unstorable;
        var postings = result.Postings.Select(p => new Posting(p.Source, p.Destination, p.Amount, p.Asset)).ToList();
        await LockMoreAsync(connection, ledger, postings.SelectMany(p => new[] { (p.Source, p.Asset), (p.Destination, p.Asset) }), store, volumes, locked, ct);
        var metadata = write.Metadata.Concat(result.TransactionMetadata).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        return LedgerResult<ScriptOutcome>.Ok(new ScriptOutcome(postings, metadata, result.AccountMetadata));
    }

    private static async Task LockMoreAsync(NpgsqlConnection connection, string ledger, IEnumerable<(string Account, string Asset)> wanted,
        LoadedAccountStore store, Dictionary<(string, string), Volumes> volumes, HashSet<(string, string)> locked, CancellationToken ct)
    {
        var pairs = wanted.Where(p => !locked.Contains(p)).Distinct().ToList();
        if (pairs.Count == 0)
            return;
        foreach (var ((account, asset), v) in await LockVolumesAsync(connection, ledger, pairs, ct))
        {
            volumes[(account, asset)] = v;
            store.SetBalance(account, asset, v.Balance);
        }
        locked.UnionWith(pairs);
    }

    private sealed record Taken(Dictionary<(string, string), Volumes> Volumes, Dictionary<string, (byte[] Hash, long TxId)> Keys, HashSet<string> References);

    // One round trip: the ledger's advisory locks of the keys (as every ledger writer takes them, in
    // one order), the volumes locked, the ledger's number, and which keys and references are taken.
    private static async Task<(long? Number, Taken Taken)> LockForStagingAsync(NpgsqlConnection connection, string ledger,
        IReadOnlyList<StagedScript> writes, List<int> live, HashSet<(string, string)> touched, CancellationToken ct)
    {
        var keys = live.Select(i => writes[i].IdempotencyKey).OfType<string>().ToArray();
        var references = live.Select(i => writes[i].Request.Reference).OfType<string>().ToArray();
        var pairs = touched.ToList();
        await using var batch = new NpgsqlBatch(connection);
        Add(batch, "SELECT number FROM ledger.ledgers WHERE name = $1", ledger);
        Add(batch, "SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended($1 || '/' || k, 0) AS h FROM unnest($2::text[]) AS k ORDER BY 1) AS l",
            ledger, keys);
        Add(batch, "SELECT out_address, out_asset, out_input, out_output FROM ledger.lock_volumes($1, $2, $3)",
            ledger, pairs.Select(p => p.Item1).ToArray(), pairs.Select(p => p.Item2).ToArray());
        Add(batch, "SELECT key, request_hash, tx_id FROM ledger.idempotency_keys WHERE ledger = $1 AND key = ANY($2)", ledger, keys);
        Add(batch, "SELECT reference FROM ledger.transactions WHERE ledger = $1 AND reference = ANY($2)", ledger, references);
        var taken = new Taken([], new Dictionary<string, (byte[], long)>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        long? number = await reader.ReadAsync(ct) ? reader.GetInt64(0) : null;
        await reader.NextResultAsync(ct);
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
            taken.Volumes[(reader.GetString(0), reader.GetString(1))] = new Volumes(reader.GetFieldValue<BigInteger>(2), reader.GetFieldValue<BigInteger>(3));
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
            taken.Keys[reader.GetString(0)] = (reader.GetFieldValue<byte[]>(1), reader.GetInt64(2));
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
            taken.References.Add(reader.GetString(0));
        return (number, taken);
    }

    private static async Task<(long TxId, long LogId)[]> TakeIdsAsync(NpgsqlConnection connection, long number, int count, CancellationToken ct)
    {
        var ids = new (long, long)[count];
        if (count == 0)
            return ids;
        // Taken after the funds checks, as a single write does: a refused script burns no id.
        await using var command = new NpgsqlCommand(
            $"SELECT nextval('ledger.tx_ids_{number}'), nextval('ledger.log_ids_{number}') FROM generate_series(1, $1)", connection);
        command.Parameters.AddWithValue(count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        for (var n = 0; await reader.ReadAsync(ct); n++)
            ids[n] = (reader.GetInt64(0), reader.GetInt64(1));
        return ids;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, Volumes>> ByAccount(Dictionary<(string Account, string Asset), Volumes> volumes) =>
        volumes.OrderBy(kv => kv.Key.Account, StringComparer.Ordinal).ThenBy(kv => kv.Key.Asset, StringComparer.Ordinal)
            .GroupBy(kv => kv.Key.Account, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, Volumes>)g.ToDictionary(kv => kv.Key.Asset, kv => kv.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    private sealed class PlentifulStore(HashSet<(string, string)> read) : IAccountStore
    {
        public BigInteger GetBalance(string account, string asset)
        {
            read.Add((account, asset));
            return Plenty;
        }

        public IReadOnlyDictionary<string, BigInteger> GetAssetFamilyBalances(string account, string baseAsset) => new Dictionary<string, BigInteger>();

        public string? GetMetadata(string account, string key) => null;
    }

    internal sealed record StagedRow(
        LedgerTransaction Transaction, long LogId, string LogData, string? Key, byte[] Hash,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> AccountMetadata);
}
