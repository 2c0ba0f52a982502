namespace WalletFlow.Numscript;

/// <summary>
/// A built-in function: parameter types, result type (null for statements), and the flag that gates
/// it. <c>meta()</c> has no fixed result type: the declared variable type decides how it is read.
/// </summary>
internal sealed record FunctionSignature(string Name, IReadOnlyList<string?> Parameters, string? Result, bool IsStatement, string? Flag)
{
    public const string Meta = "meta";
    public const string Balance = "balance";
    public const string Overdraft = "overdraft";
    public const string GetAsset = "get_asset";
    public const string GetAmount = "get_amount";
    public const string SetTxMeta = "set_tx_meta";
    public const string SetAccountMeta = "set_account_meta";

    public static IReadOnlyDictionary<string, FunctionSignature> All { get; } = new[]
    {
        new FunctionSignature(Meta, [NumscriptTypes.Account, NumscriptTypes.String], null, false, null),
        new FunctionSignature(Balance, [NumscriptTypes.Account, NumscriptTypes.Asset], NumscriptTypes.Monetary, false, null),
        new FunctionSignature(Overdraft, [NumscriptTypes.Account, NumscriptTypes.Asset], NumscriptTypes.Monetary, false, FeatureFlags.OverdraftFunction),
        new FunctionSignature(GetAsset, [NumscriptTypes.Monetary], NumscriptTypes.Asset, false, FeatureFlags.GetAssetFunction),
        new FunctionSignature(GetAmount, [NumscriptTypes.Monetary], NumscriptTypes.Number, false, FeatureFlags.GetAmountFunction),
        new FunctionSignature(SetTxMeta, [NumscriptTypes.String, null], null, true, null),
        new FunctionSignature(SetAccountMeta, [NumscriptTypes.Account, NumscriptTypes.String, null], null, true, null),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);
}
