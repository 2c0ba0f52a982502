namespace WalletFlow.Numscript;

/// <summary>
/// What a run will read, so the ledger can lock exactly that before running: (account, asset)
/// balances (colored assets under their store name), whole asset families for accounts sending
/// with scaling, and metadata entries read by <c>meta()</c>. <c>@world</c> and accounts with an
/// unbounded overdraft are never read.
/// </summary>
public sealed record ExecutionNeeds(
    IReadOnlySet<(string Account, string Asset)> Balances,
    IReadOnlySet<(string Account, string BaseAsset)> AssetFamilies,
    IReadOnlySet<(string Account, string Key)> Metadata);
