using System.Numerics;

namespace WalletFlow.Numscript;

/// <summary>An <see cref="IAccountStore"/> over dictionaries: for the specs runner, the CLI, tests and benchmarks.</summary>
public sealed class InMemoryAccountStore : IAccountStore
{
    private readonly Dictionary<(string Account, string Asset), BigInteger> _balances = [];
    private readonly Dictionary<(string Account, string Key), string> _metadata = [];

    public InMemoryAccountStore SetBalance(string account, string asset, BigInteger amount)
    {
        _balances[(account, asset)] = amount;
        return this;
    }

    public InMemoryAccountStore SetMetadata(string account, string key, string value)
    {
        _metadata[(account, key)] = value;
        return this;
    }

    public BigInteger GetBalance(string account, string asset) =>
        _balances.GetValueOrDefault((account, asset));

    public IReadOnlyDictionary<string, BigInteger> GetAssetFamilyBalances(string account, string baseAsset) =>
        _balances
            .Where(b => b.Key.Account == account && !b.Value.IsZero && AssetName.BaseOf(b.Key.Asset) == baseAsset)
            .ToDictionary(b => b.Key.Asset, b => b.Value, StringComparer.Ordinal);

    public string? GetMetadata(string account, string key) => _metadata.GetValueOrDefault((account, key));
}
