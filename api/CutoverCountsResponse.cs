namespace WalletFlow.Api;

/// <summary>A cutover's counts per step, from its rows: posted, opened at zero, failed; reversed and failed by a rollback.</summary>
public sealed record CutoverCountsResponse(int Rows, int Batches, int Posted, int ZeroBalances, int PostFailures, int Reversed, int ReverseFailures);
