using System.Numerics;
using Npgsql;
using WalletFlow.Core.Ports;
using WalletFlow.Numscript;

namespace WalletFlow.Adapters.Ledger;

public sealed partial class EmbeddedLedger
{
    private static readonly ParsedScriptCache Scripts = new();

    /// <summary>What a script run produced, ready for <see cref="CommitAsync"/>.</summary>
    private sealed record ScriptOutcome(
        IReadOnlyList<Posting> Postings,
        IReadOnlyDictionary<string, string> TransactionMetadata,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> AccountMetadata);

    /// <summary>
    /// Runs a script inside the write's database transaction: plan what it reads, lock those volumes
    /// in the one lock order, load them, plan again on the locked values (a meta() read may name other
    /// accounts) and run only once the plan needs nothing more. The interpreter enforces the script's
    /// overdraft rules; a shortfall is INSUFFICIENT_FUND, like a posting's.
    /// </summary>
    private static async Task<LedgerResult<ScriptOutcome>> RunScriptAsync(
        NpgsqlConnection connection, string ledger, TransactionScript request, IReadOnlyDictionary<string, string> requestMetadata, CancellationToken ct)
    {
        var script = Scripts.GetOrParse(request.Plain);
        if (!script.IsValid)
            return new LedgerError(LedgerErrorCodes.CompilationFailed, string.Join("; ", script.Diagnostics.Select(d => d.ToString())));
        var vars = request.Vars ?? Empty;

        var store = new LoadedAccountStore();
        var locked = new HashSet<(string, string)>();
        for (var round = 0; ; round++)
        {
            var (needs, planError) = NumscriptInterpreter.Plan(script, vars, store);
            if (planError is not null && store.IsComplete)
                return RuntimeError(planError);
            var missing = store.Missing;
            if (needs is not null && store.IsComplete && needs.Balances.All(locked.Contains))
                break;
            if (round == 8)
                return new LedgerError(LedgerErrorCodes.InterpreterRuntime, "the script's reads did not settle after 8 rounds of loading");
            await LoadAsync(connection, ledger, store, locked, (needs?.Balances ?? new HashSet<(string, string)>()).Concat(missing.Balances), ct);
        }

        // The run may read more than the plan named (the working copy of a credited account, say):
        // what it read unloaded is loaded and locked, and the run repeated, until it read only
        // loaded values. A guess of zero never reaches a result.
        var result = NumscriptInterpreter.Run(script, vars, store);
        for (var round = 0; !store.IsComplete; round++)
        {
            if (round == 8)
                return new LedgerError(LedgerErrorCodes.InterpreterRuntime, "the script's reads did not settle after 8 rounds of loading");
            await LoadAsync(connection, ledger, store, locked, store.Missing.Balances, ct);
            result = NumscriptInterpreter.Run(script, vars, store);
        }
        if (result.Error is { } error)
            return RuntimeError(error);
        if (result.Postings.Count == 0) // as Formance's controller: a script that moves nothing is NO_POSTINGS, not an empty transaction
            return new LedgerError(LedgerErrorCodes.NoPostings, "numscript execution returned no postings");
        foreach (var (key, value) in result.TransactionMetadata)
        {
            if (requestMetadata.TryGetValue(key, out var given) && given != value)
                return new LedgerError(LedgerErrorCodes.MetadataOverride, $"metadata '{key}' is set by both the request and the script");
        }
        var metadata = requestMetadata.Concat(result.TransactionMetadata).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        return LedgerResult<ScriptOutcome>.Ok(new ScriptOutcome(
            result.Postings.Select(p => new Posting(p.Source, p.Destination, p.Amount, p.Asset)).ToList(),
            metadata, result.AccountMetadata));
    }

    // A shortfall keeps the interpreter's own fields (the account last drawn from, unknown when the
    // source drew from none); the message is only what the HTTP API shows.
    private static LedgerError RuntimeError(NumscriptRuntimeError error) => error is MissingFundsError missing
        ? LedgerError.InsufficientFund(error.ToString(), new InsufficientFunds(missing.Account ?? "", missing.Asset, missing.Needed, missing.Available))
        : new LedgerError(LedgerErrorCodes.InterpreterRuntime, error.ToString());

    // Loads what the last plan or run read but the store lacked, then forgets those misses. Balances
    // are locked (FOR UPDATE, in the one lock order) as they are loaded and remembered in `locked`;
    // asset families and metadata are read as they are.
    private static async Task LoadAsync(NpgsqlConnection connection, string ledger, LoadedAccountStore store,
        HashSet<(string, string)> locked, IEnumerable<(string Account, string Asset)> toLock, CancellationToken ct)
    {
        var missing = store.Missing;
        var pairs = toLock.Where(p => !locked.Contains(p)).Distinct().ToList();
        locked.UnionWith(pairs);
        store.ForgetMissing();
        if (pairs.Count > 0)
        {
            var volumes = await LockVolumesAsync(connection, ledger, pairs, ct);
            foreach (var ((account, asset), v) in volumes)
                store.SetBalance(account, asset, v.Balance);
        }
        foreach (var (account, baseAsset) in missing.AssetFamilies)
        {
            await using var family = new NpgsqlCommand(
                "SELECT asset, input - output FROM ledger.volumes WHERE ledger = $1 AND address = $2 AND (asset = $3 OR starts_with(asset, $3 || '/')) AND input <> output",
                connection);
            family.Parameters.AddWithValue(ledger);
            family.Parameters.AddWithValue(account);
            family.Parameters.AddWithValue(baseAsset);
            var balances = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
            await using var reader = await family.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                balances[reader.GetString(0)] = reader.GetFieldValue<BigInteger>(1);
            store.SetFamily(account, baseAsset, balances);
        }
        foreach (var (account, key) in missing.Metadata)
        {
            await using var meta = new NpgsqlCommand("SELECT metadata ->> $3 FROM ledger.accounts WHERE ledger = $1 AND address = $2", connection);
            meta.Parameters.AddWithValue(ledger);
            meta.Parameters.AddWithValue(account);
            meta.Parameters.AddWithValue(key);
            store.SetMetadata(account, key, await meta.ExecuteScalarAsync(ct) as string);
        }
    }
}
