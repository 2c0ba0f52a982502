using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Cutover;

/// <summary>
/// One batch of the rollback: each row's opening balance reversed (<see cref="ReverseOpeningBalance"/>).
/// A zero balance, or a wallet this cutover never credited, has nothing to reverse and is done.
/// </summary>
public sealed class ReverseCutoverBatch(ICutoverStore cutovers, ReverseOpeningBalance reverse, CutoverPolicy policy)
{
    /// <summary>Reverses every row of the batch and records each outcome.</summary>
    public async Task<CutoverBatchResult> RunAsync(CutoverBatchInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rows = await cutovers.BatchAsync(input.CutoverId, input.Batch, cancellationToken);
        var outcomes = new CutoverRowOutcome[rows.Count];
        await Parallel.ForAsync(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = policy.RowsInFlight, CancellationToken = cancellationToken },
            async (i, ct) => outcomes[i] = await ReverseAsync(input.CutoverId, rows[i], ct));
        await cutovers.RecordReversalsAsync(input.CutoverId, outcomes, cancellationToken);
        var failed = outcomes.Count(o => !o.Succeeded);
        return new CutoverBatchResult(input.Batch, rows.Count, rows.Count - failed, failed);
    }

    private async Task<CutoverRowOutcome> ReverseAsync(string cutoverId, CutoverRow row, CancellationToken cancellationToken)
    {
        if (row.Balance.IsZero)
            return new CutoverRowOutcome(row.Line, null, null);
        var reversed = await PostCutoverBatch.RetryingAsync(() => reverse.RunAsync(cutoverId, row, cancellationToken), cancellationToken);
        if (reversed.TryGetValue(out var receipt, out var rejected))
            return new CutoverRowOutcome(row.Line, receipt.CommandId, null);
        return rejected is NothingToReverse
            ? new CutoverRowOutcome(row.Line, null, null)
            : new CutoverRowOutcome(row.Line, null, $"reversal: {rejected.Code}: {rejected.Message}");
    }
}
