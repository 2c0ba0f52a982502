using System.Numerics;
using Npgsql;
using WalletFlow.Core.Ports;
using WalletFlow.Numscript;

namespace WalletFlow.Adapters.Ledger;

public sealed partial class EmbeddedLedger
{
    private static readonly ParsedScriptCache Scripts = new();

    /// <summary>What a script run produced, ready to be staged (EmbeddedLedger.Staged.cs).</summary>
    private sealed record ScriptOutcome(
        IReadOnlyList<Posting> Postings,
        IReadOnlyDictionary<string, string> TransactionMetadata,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> AccountMetadata);

    private static LedgerError RuntimeError(NumscriptRuntimeError error) => error is MissingFundsError missing
        ? LedgerError.InsufficientFund(error.ToString(), new InsufficientFunds(missing.Account ?? "", missing.Asset, missing.Needed, missing.Available))
        : new LedgerError(LedgerErrorCodes.InterpreterRuntime, error.ToString());

    // Loads the asset families and metadata the last run read but the store lacked, as they are (a
    // run's balances are locked and loaded by EmbeddedLedger.Staged.cs), then forgets the misses.
    private static async Task LoadFamiliesAndMetadataAsync(NpgsqlConnection connection, string ledger, LoadedAccountStore store, CancellationToken ct)
    {
        var missing = store.Missing;
        store.ForgetMissing();
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
