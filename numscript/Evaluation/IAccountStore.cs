using System.Numerics;

namespace WalletFlow.Numscript;

/// <summary>
/// What the interpreter reads from the ledger, implemented by the caller. Balances of colored assets
/// are asked for under their store name (<c>USD_RED/2</c>). The interpreter asks for each
/// (account, asset) once per run and works on its own copy afterwards.
/// </summary>
public interface IAccountStore
{
    /// <summary>The balance of <paramref name="account"/> in <paramref name="asset"/>; zero when it never moved.</summary>
    BigInteger GetBalance(string account, string asset);

    /// <summary>
    /// Every non-zero balance of <paramref name="account"/> in the assets of one family: the base
    /// asset and all its scales (<c>EUR</c>, <c>EUR/2</c>, <c>EUR/3</c>…). Only asset scaling asks this.
    /// </summary>
    IReadOnlyDictionary<string, BigInteger> GetAssetFamilyBalances(string account, string baseAsset);

    /// <summary>The metadata value under <paramref name="key"/>, or null.</summary>
    string? GetMetadata(string account, string key);
}
