using System.Numerics;
using WalletFlow.Numscript;

namespace WalletFlow.Adapters.Ledger;

/// <summary>
/// The interpreter's view of the ledger: balances and metadata loaded from PostgreSQL before a run
/// (the interpreter reads synchronously; the ledger loads asynchronously). A read of anything not
/// loaded answers zero/null and is remembered in <see cref="Missing"/>, so the caller can load it
/// and plan again until nothing is missing.
/// </summary>
internal sealed class LoadedAccountStore : IAccountStore
{
    private readonly Dictionary<(string Account, string Asset), BigInteger> _balances = [];
    private readonly Dictionary<(string Account, string BaseAsset), IReadOnlyDictionary<string, BigInteger>> _families = [];
    private readonly Dictionary<(string Account, string Key), string?> _metadata = [];

    /// <summary>A copy of what was read but not loaded since the last <see cref="ForgetMissing"/>.</summary>
    public ExecutionNeeds Missing => new(_missingBalances.ToHashSet(), _missingFamilies.ToHashSet(), _missingMetadata.ToHashSet());

    public bool IsComplete => _missingBalances.Count == 0 && _missingFamilies.Count == 0 && _missingMetadata.Count == 0;

    private readonly HashSet<(string, string)> _missingBalances = [];
    private readonly HashSet<(string, string)> _missingFamilies = [];
    private readonly HashSet<(string, string)> _missingMetadata = [];

    public void ForgetMissing()
    {
        _missingBalances.Clear();
        _missingFamilies.Clear();
        _missingMetadata.Clear();
    }

    public void SetBalance(string account, string asset, BigInteger balance) => _balances[(account, asset)] = balance;
    public void SetFamily(string account, string baseAsset, IReadOnlyDictionary<string, BigInteger> balances) => _families[(account, baseAsset)] = balances;
    public void SetMetadata(string account, string key, string? value) => _metadata[(account, key)] = value;

    public BigInteger GetBalance(string account, string asset)
    {
        if (_balances.TryGetValue((account, asset), out var balance))
            return balance;
        _missingBalances.Add((account, asset));
        return BigInteger.Zero;
    }

    public IReadOnlyDictionary<string, BigInteger> GetAssetFamilyBalances(string account, string baseAsset)
    {
        if (_families.TryGetValue((account, baseAsset), out var family))
            return family;
        _missingFamilies.Add((account, baseAsset));
        return new Dictionary<string, BigInteger>();
    }

    public string? GetMetadata(string account, string key)
    {
        if (_metadata.TryGetValue((account, key), out var value))
            return value;
        _missingMetadata.Add((account, key));
        return null;
    }
}
