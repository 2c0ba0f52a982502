namespace WalletFlow.Api;

/// <summary>One currency's totals: the file's, and the ledger's as the reconcile step read them (null before it ran).</summary>
public sealed record CutoverTotalResponse(string Currency, int Wallets, string FileMinor, string? LedgerMinor, string? FileAmount, string? LedgerAmount);
