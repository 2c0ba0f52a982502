using System.Numerics;

namespace WalletFlow.Numscript;

/// <summary>Passes reads through to the real store and remembers each one.</summary>
internal sealed class RecordingAccountStore(IAccountStore inner) : IAccountStore
{
    public HashSet<(string Account, string Asset)> Balances { get; } = [];

    public HashSet<(string Account, string BaseAsset)> AssetFamilies { get; } = [];

    public HashSet<(string Account, string Key)> Metadata { get; } = [];

    public BigInteger GetBalance(string account, string asset)
    {
        Balances.Add((account, asset));
        return inner.GetBalance(account, asset);
    }

    public IReadOnlyDictionary<string, BigInteger> GetAssetFamilyBalances(string account, string baseAsset)
    {
        AssetFamilies.Add((account, baseAsset));
        return inner.GetAssetFamilyBalances(account, baseAsset);
    }

    public string? GetMetadata(string account, string key)
    {
        Metadata.Add((account, key));
        return inner.GetMetadata(account, key);
    }
}
