using System.Numerics;

namespace WalletFlow.Numscript;

/// <summary>
/// The run's own copy of balances: read from the store on first use, then moved by every posting,
/// save and kept amount. Snapshots let <c>oneof</c> undo a branch that did not succeed.
/// </summary>
internal sealed class WorkingBalances(IAccountStore store)
{
    private Dictionary<(string Account, string Asset), BigInteger> _balances = [];
    private readonly HashSet<(string Account, string BaseAsset)> _familiesLoaded = [];

    public BigInteger Get(string account, string asset)
    {
        if (_balances.TryGetValue((account, asset), out var balance))
            return balance;
        balance = store.GetBalance(account, asset);
        _balances[(account, asset)] = balance;
        return balance;
    }

    public void Add(string account, string asset, BigInteger delta) =>
        _balances[(account, asset)] = Get(account, asset) + delta;

    public void Set(string account, string asset, BigInteger value) => _balances[(account, asset)] = value;

    /// <summary>The current balances of every scale of <paramref name="baseAsset"/> held by the account.</summary>
    public Dictionary<string, BigInteger> Family(string account, string baseAsset)
    {
        if (_familiesLoaded.Add((account, baseAsset)))
        {
            foreach (var (asset, amount) in store.GetAssetFamilyBalances(account, baseAsset))
                _balances.TryAdd((account, asset), amount);
        }
        return _balances
            .Where(b => b.Key.Account == account && AssetName.BaseOf(b.Key.Asset) == baseAsset)
            .ToDictionary(b => b.Key.Asset, b => b.Value, StringComparer.Ordinal);
    }

    public Dictionary<(string Account, string Asset), BigInteger> Snapshot() => new(_balances);

    public void Restore(Dictionary<(string Account, string Asset), BigInteger> snapshot) => _balances = snapshot;
}
