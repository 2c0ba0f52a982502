namespace WalletFlow.Core.Cutover;

/// <summary>
/// A cutover's counts, read from its rows: what is posted, what failed, what is reversed, and the
/// file's totals per currency. <see cref="Failures"/> lists the first failures (a bounded list).
/// </summary>
public sealed record CutoverProgress(
    int Rows,
    int Posted,
    int ZeroBalances,
    int PostFailures,
    int Reversed,
    int ReverseFailures,
    IReadOnlyList<CutoverCurrencyTotal> FileTotals,
    IReadOnlyList<CutoverRowFailure> Failures)
{
    /// <summary>Rows done by the posting step: posted, or opened with a zero balance.</summary>
    public int Done => Posted + ZeroBalances;
}
